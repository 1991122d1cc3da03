import type { OdooClient } from '../../connectors/odoo/client.js';
import type { EntityCache } from '../../platform/cache/entity-cache.js';
import { systemCheck } from '../../platform/observability/dependency-checks.js';
import { startSubgraphServer, type RunningSubgraph } from '../../platform/graphql/start-subgraph-server.js';
import type { EventHub } from '../../platform/events/event-hub.js';
import type { Logger } from '../../platform/logger.js';
import type { RedisClient } from '../../platform/redis.js';
import { createOrdersContext } from './context.js';
import {
  createOrderCaptureServices,
  type CapturedOrder,
  type OrderCaptureOptions,
} from './schema/capture-services.js';
import { ordersSchema } from './schema/index.js';
import type { FulfillmentProgressReader } from '../../platform/orchestration/progress-reader.js';

export interface OrdersSubgraphOptions {
  odoo: OdooClient;
  /** Where `orderStatusChanged` follows events; without it the subscription answers EVENTS_UNAVAILABLE. */
  events?: EventHub | null;
  /** Where `captureOrder` keeps idempotency keys; without it `captureOrder` answers IDEMPOTENCY_UNAVAILABLE. */
  redis?: RedisClient;
  /** Called after a capture creates an order (never for a replay); what it throws is logged. */
  onCaptured?: (order: CapturedOrder) => Promise<void>;
  /** Tuning of `captureOrder` (waits, retention, key namespace); see OrderCaptureOptions for defaults. */
  capture?: Omit<OrderCaptureOptions, 'redis' | 'onCaptured'>;
  /** The orchestration's read model (`Order.progress`, `fulfillmentProgress`, `stuckOrders`); none without it. */
  progress?: FulfillmentProgressReader | null;
  /** Orders, customers and products in Redis (see platform/cache); without it every read asks Odoo. */
  cache?: EntityCache | null;
  logger: Logger;
  identitySecret: string;
  port?: number;
  host?: string;
}

/** Serves the orders subgraph (HTTP and graphql-ws on `/graphql`). */
export function startOrdersSubgraph(options: OrdersSubgraphOptions): Promise<RunningSubgraph> {
  return startSubgraphServer({
    name: 'orders',
    schema: ordersSchema,
    logger: options.logger,
    identitySecret: options.identitySecret,
    port: options.port,
    host: options.host,
    // Ready when the systems it reads answer (`/readyz`, with the reason when one does not).
    readiness: [systemCheck('odoo', options.odoo)],
    createContext: createOrdersContext(
      options.odoo,
      options.events ?? null,
      options.redis
        ? createOrderCaptureServices(
            options.odoo,
            { ...options.capture, redis: options.redis, onCaptured: options.onCaptured },
            options.logger,
          )
        : null,
      options.progress ?? null,
      options.cache ?? null,
    ),
  });
}
