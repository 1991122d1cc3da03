/**
 * The events process: inbound webhooks from Odoo, the WMS and the carrier become canonical events in the
 * log; the reconciler finds the changes those webhooks missed. Subscriptions are served by the subgraphs
 * (each follows the log through its own hub); partner webhooks are delivered from here, and
 * registered through the access subgraph.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CarrierClient } from '../connectors/carrier/index.js';
import type { OdooClient } from '../connectors/odoo/client.js';
import type { WmsClient } from '../connectors/wms/index.js';
import { EntityCache } from '../platform/cache/entity-cache.js';
import { InvalidatingEventLog } from '../platform/cache/invalidating-event-log.js';
import type { EventLog } from '../platform/events/event-log.js';
import type { Logger } from '../platform/logger.js';
import { redisCheck, systemCheck } from '../platform/observability/dependency-checks.js';
import { drainDelayMs } from '../platform/observability/drain-delay.js';
import { handleOpsRequest } from '../platform/observability/ops-endpoints.js';
import { processMetrics, type ProcessMetrics } from '../platform/observability/process-metrics.js';
import { Readiness } from '../platform/observability/readiness.js';
import { flushTracing, startTracingFromEnv } from '../platform/observability/start-tracing.js';
import type { RedisClient } from '../platform/redis.js';
import { startPartnerWebhooks, type PartnerWebhooksRuntimeOptions } from '../platform/webhooks/index.js';
import { createWebhookReceiver } from './inbound/webhook-receiver.js';
import type { WarehouseCodeOf } from './inbound/wms-events.js';
import { startReconciler, type Reconciler } from './reconciliation/reconciler.js';

/** Where the events service listens by default, beside the subgraphs' 4001–4006. */
export const DEFAULT_EVENTS_PORT = 4007;

export interface EventsServiceOptions {
  /** Holds the event log, the reconciliation cursors and the last status per order. */
  redis: RedisClient;
  /** The event stream. Default `dg:events`; the other keys are named after it. */
  stream?: string;
  odoo: OdooClient;
  wms: WmsClient;
  carrier: CarrierClient;
  /**
   * The entity cache's key namespace (default `dg:cache`): each event evicts the entries it makes stale
   * before it is appended (see InvalidatingEventLog).
   */
  cacheNamespace?: string;
  /** The gateway response cache's namespace (default `dg`), whose stale responses are evicted before an append. */
  responseCacheNamespace?: string;
  /** Secrets of the inbound webhooks; a source without one has no endpoint (404). */
  /** `wms` lists one secret per WMS webhook (each has its own); the list is read at each delivery. */
  secrets: { carrier?: string; wms?: readonly string[]; odooToken?: string };
  warehouseCodeOf?: WarehouseCodeOf;
  /** Reconciliation timing, or false for none (tests run passes themselves). */
  reconcile?: { intervalMs?: number; safetyWindowMs?: number; autoStart?: boolean } | false;
  /**
   * Partner webhooks out: the dispatcher and the delivery worker (BullMQ on its own connections from
   * `redisUrl`). Without it nothing is delivered to partners.
   */
  partnerWebhooks?: Pick<
    PartnerWebhooksRuntimeOptions,
    'redisUrl' | 'mode' | 'namespace' | 'schedule' | 'allowLoopback' | 'concurrency'
  >;
  logger: Logger;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (a free port). */
  port?: number;
  /** Default: this process's metrics (`/metrics`: the stream's length, consumer lag, dead letters...). */
  metrics?: ProcessMetrics;
  /** How long close() keeps serving after `/readyz` turned 503. Default DRAIN_DELAY_MS, else 0. */
  drainDelayMs?: number;
}

export interface RunningEventsService {
  /** `http://host:port`; webhooks arrive at `/webhooks/carrier`, `/webhooks/wms` and `/webhooks/odoo`. */
  url: string;
  port: number;
  log: EventLog;
  reconciler: Reconciler | null;
  close(): Promise<void>;
}

export async function startEventsService(options: EventsServiceOptions): Promise<RunningEventsService> {
  const { redis, logger } = options;
  const stream = options.stream ?? 'dg:events';
  startTracingFromEnv('events');
  const metrics = options.metrics ?? processMetrics();
  const readiness = new Readiness({
    checks: [
      redisCheck(redis),
      systemCheck('odoo', options.odoo),
      systemCheck('wms', options.wms),
      systemCheck('carrier', options.carrier),
    ],
  });
  const untrackStream = metrics.trackEventStream({ redis, stream });
  const cache = new EntityCache({
    redis,
    logger: logger.child({ part: 'cache' }),
    ...(options.cacheNamespace ? { namespace: options.cacheNamespace } : {}),
  });
  const log: EventLog = new InvalidatingEventLog({
    redis,
    stream,
    cache,
    responseCache: { redis, namespace: options.responseCacheNamespace ?? 'dg' },
  });
  const orderStatusKey = `${stream}:order-status`;
  const receive = createWebhookReceiver({
    events: log,
    odoo: options.odoo,
    redis,
    logger: logger.child({ part: 'webhooks-in' }),
    carrier: options.carrier,
    carrierSecret: options.secrets.carrier,
    wmsSecret: options.secrets.wms,
    odooToken: options.secrets.odooToken,
    orderStatusKey,
    ...(options.warehouseCodeOf ? { warehouseCodeOf: options.warehouseCodeOf } : {}),
  });
  const server: Server = createServer((req, res) => {
    if (handleOpsRequest(req, res, { metrics, readiness })) return;
    receive(req, res);
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  const reconciler =
    options.reconcile === false
      ? null
      : startReconciler({
          redis,
          events: log,
          odoo: options.odoo,
          wms: options.wms,
          carrier: options.carrier,
          logger: logger.child({ part: 'reconciler' }),
          keyPrefix: stream,
          orderStatusKey,
          ...options.reconcile,
        });
  const partnerWebhooks = options.partnerWebhooks
    ? await startPartnerWebhooks({
        redis,
        events: log,
        logger: logger.child({ part: 'webhooks-out' }),
        ...options.partnerWebhooks,
      })
    : null;
  logger.info({ port }, 'events service listening');
  return {
    url: `http://${host}:${port}`,
    port,
    log,
    reconciler,
    close: async () => {
      readiness.drain();
      const delay = options.drainDelayMs ?? drainDelayMs();
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      untrackStream();
      await reconciler?.close();
      await partnerWebhooks?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await flushTracing();
    },
  };
}
