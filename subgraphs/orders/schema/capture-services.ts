import type { OdooClient } from '../../../connectors/odoo/client.js';
import { IdempotencyStore } from '../../../platform/idempotency/idempotency-store.js';
import type { Logger } from '../../../platform/logger.js';
import type { RedisClient } from '../../../platform/redis.js';

/** An order the orchestration should take over, handed to `onCaptured`. */
export interface CapturedOrder {
  /** The Odoo order name, e.g. "S00042". */
  number: string;
  /** The sale.order row id. */
  odooId: number;
  /** The customer (commercial partner) the order is for: the tenant of a partner caller. */
  tenantPartnerId: number;
}

export interface OrderCaptureOptions {
  /** Idempotency records and the per-reference capture lock live here. */
  redis: RedisClient;
  /** Key prefix in Redis. Default `dg`. */
  namespace?: string;
  /** How long a request waits for an earlier one with its key before IDEMPOTENCY_KEY_IN_USE. Default 10 s. */
  idempotencyWaitMs?: number;
  /** How long outcomes are kept (at least 24 h). Default 24 h. */
  idempotencyRetentionMs?: number;
  /** How long a capture waits for another with the same customer reference before ORDER_CAPTURE_BUSY. Default 10 s. */
  referenceLockWaitMs?: number;
  /** Called once a capture has created (or found, after a lost answer) its order; never for a replay. */
  onCaptured?: (order: CapturedOrder) => Promise<void>;
}

/** What `captureOrder` needs beyond the request: shared by every request of the process. */
export interface OrderCaptureServices {
  odoo: OdooClient;
  redis: RedisClient;
  namespace: string;
  store: IdempotencyStore;
  idempotencyWaitMs: number;
  referenceLockWaitMs: number;
  /** The reference lock's lifetime without renewal (renewed while the capture runs). */
  referenceLockTtlMs: number;
  onCaptured: ((order: CapturedOrder) => Promise<void>) | null;
  logger: Logger;
}

export function createOrderCaptureServices(
  odoo: OdooClient,
  options: OrderCaptureOptions,
  logger: Logger,
): OrderCaptureServices {
  const namespace = options.namespace ?? 'dg';
  return {
    odoo,
    redis: options.redis,
    namespace,
    store: new IdempotencyStore({
      redis: options.redis,
      namespace,
      ...(options.idempotencyRetentionMs ? { retentionMs: options.idempotencyRetentionMs } : {}),
    }),
    idempotencyWaitMs: options.idempotencyWaitMs ?? 10_000,
    referenceLockWaitMs: options.referenceLockWaitMs ?? 10_000,
    referenceLockTtlMs: 30_000,
    onCaptured: options.onCaptured ?? null,
    logger,
  };
}
