import type { CarrierClient } from '../../connectors/carrier/index.js';
import type { OdooClient } from '../../connectors/odoo/client.js';
import type { WmsClient } from '../../connectors/wms/index.js';
import type { Logger } from '../../platform/logger.js';
import type { RedisClient } from '../../platform/redis.js';
import type { EventAppender } from '../inbound/event-appender.js';
import { OrderStatusMemory } from '../inbound/order-status-memory.js';
import { DEFAULT_ORDER_STATUS_KEY } from '../inbound/webhook-receiver.js';
import { reconcileCarrierTrackers } from './reconcile-carrier.js';
import { ReconcileCursors } from './reconcile-cursors.js';
import { withLock } from './reconcile-lock.js';
import { reconcileOdooOrders } from './reconcile-odoo.js';
import { reconcileWmsOrders } from './reconcile-wms.js';
import type { SourceSummary } from './source-summary.js';

export interface ReconcilerOptions {
  redis: RedisClient;
  /** Where found changes are appended (an EventLog). */
  events: EventAppender;
  odoo: OdooClient;
  /** Without it, WMS orders are not reconciled. */
  wms?: WmsClient;
  /** Without it, carrier trackers are not reconciled. */
  carrier?: CarrierClient;
  logger: Logger;
  /** Time between the end of one pass and the start of the next. Default 30,000 ms. */
  intervalMs?: number;
  /** How far before its cursor each source is read again (late commits, clock skew). Default 60,000 ms. */
  safetyWindowMs?: number;
  /** Default: the system clock. Used for the cursors of a first pass (now: history is not replayed). */
  now?: () => Date;
  /** Prefix of the cursors' hash (`<prefix>:reconcile:cursors`) and the lock (`<prefix>:reconcile:lock`). Default `dg:events`. */
  keyPrefix?: string;
  /** Redis hash of the last status per order, shared with the webhook receiver. Default `dg:events:order-status`. */
  orderStatusKey?: string;
  /** How long the lock is held at most (a crashed holder's lock frees itself then). Default 300,000 ms. */
  lockTtlMs?: number;
  /** Records asked per page from each source. Default 100 (Odoo, carrier), 50 (WMS). */
  pageSize?: number;
  /** Whether passes run by themselves (the first at once, then every `intervalMs`). Default true. */
  autoStart?: boolean;
}

export interface ReconcileSummary {
  /** True when another process held the lock, so this pass did nothing. */
  skipped: boolean;
  odoo?: SourceSummary;
  wms?: SourceSummary;
  carrier?: SourceSummary;
}

export interface Reconciler {
  /** One pass over every source, started after any pass in progress ends (passes never overlap). */
  runOnce(): Promise<ReconcileSummary>;
  /** Stops the loop and waits for a pass in progress. */
  close(): Promise<void>;
}

/** One source's pass, its failure kept in its summary so that the other sources still run. */
async function guarded(
  name: string,
  logger: Logger,
  pass: () => Promise<SourceSummary>,
): Promise<SourceSummary> {
  try {
    return await pass();
  } catch (error) {
    logger.warn({ err: error, source: name }, 'reconciliation of a source failed; its cursor is unchanged');
    const message = error instanceof Error ? error.message : String(error);
    return { read: 0, appended: 0, duplicates: 0, cursor: null, error: message };
  }
}

/**
 * The reconciliation pass (issue 6 part 5): reads Odoo sale orders by `write_date`, WMS orders by update
 * and carrier trackers since their cursors, and appends the events the webhooks missed under the same
 * content-based keys (so nothing is appended twice). Cursors live in Redis and survive restarts; a Redis
 * lock keeps two processes from reconciling at once.
 */
export function startReconciler(options: ReconcilerOptions): Reconciler {
  const prefix = options.keyPrefix ?? 'dg:events';
  const { redis, logger } = options;
  const intervalMs = options.intervalMs ?? 30_000;
  const safetyWindowMs = options.safetyWindowMs ?? 60_000;
  const pageSize = options.pageSize;
  const now = options.now ?? (() => new Date());
  const cursors = new ReconcileCursors(redis, `${prefix}:reconcile:cursors`);
  const memory = new OrderStatusMemory(redis, options.orderStatusKey ?? DEFAULT_ORDER_STATUS_KEY);
  const lockKey = `${prefix}:reconcile:lock`;
  const lockTtlMs = options.lockTtlMs ?? 300_000;

  const pass = async (): Promise<ReconcileSummary> => {
    const base = { events: options.events, odoo: options.odoo, cursors, safetyWindowMs };
    const startAt = now().toISOString();
    const { wms, carrier } = options;
    const done = await withLock(redis, lockKey, lockTtlMs, async () => {
      const summary: ReconcileSummary = { skipped: false };
      summary.odoo = await guarded('odoo', logger, () =>
        reconcileOdooOrders({ ...base, memory, startAt, pageSize: pageSize ?? 100 }),
      );
      if (wms)
        summary.wms = await guarded('wms', logger, () =>
          reconcileWmsOrders({ ...base, wms, startAt, pageSize: pageSize ?? 50 }),
        );
      if (carrier)
        summary.carrier = await guarded('carrier', logger, () =>
          reconcileCarrierTrackers({ ...base, carrier, startAt, pageSize: pageSize ?? 100 }),
        );
      return summary;
    });
    return done.locked ? done.value : { skipped: true };
  };

  let chain: Promise<unknown> = Promise.resolve();
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  const runOnce = (): Promise<ReconcileSummary> => {
    const run = chain.then(pass, pass);
    chain = run.catch(() => undefined);
    return run;
  };

  const schedule = (delayMs: number): void => {
    timer = setTimeout(() => {
      void runOnce()
        .then((summary) => logger.debug({ summary }, 'reconciliation pass'))
        .catch((error: unknown) => logger.error({ err: error }, 'reconciliation pass failed'))
        .finally(() => {
          if (!closed) schedule(intervalMs);
        });
    }, delayMs);
    timer.unref();
  };
  if (options.autoStart ?? true) schedule(0);

  return {
    runOnce,
    async close() {
      closed = true;
      clearTimeout(timer);
      await chain;
    },
  };
}
