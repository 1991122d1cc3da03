/**
 * The whole product in one process on loopback: the emulated Odoo with demo data, the three subgraphs
 * (each with its own Odoo client, as separate processes would have) and the gateway over a supergraph
 * composed from the subgraphs at the ports they got. `npm start`, the end-to-end tests and the
 * benchmarks all run this.
 */
import { randomBytes } from 'node:crypto';
import { OdooClient, odooConfigSchema, type OdooConfigInput } from '../connectors/odoo/index.js';
import {
  startOdooEmulator,
  type RunningOdooEmulator,
  type StartOdooEmulatorOptions,
} from '../connectors/odoo/emulator/server.js';
import type { DemoPartner } from '../gateway/auth/demo-api-keys.js';
import type { ApiKeyStore } from '../platform/auth/api-key-store.js';
import { startGateway, type RunningGateway, type StartGatewayOptions } from '../gateway/server.js';
import type { RunningSubgraph } from '../platform/graphql/start-subgraph-server.js';
import type { Logger } from '../platform/logger.js';
import { openEventHub, type OpenedEventHub } from '../platform/events/open-event-hub.js';
import { countCallsTo } from '../platform/cache/call-budget.js';
import type { EntityCacheConfig } from '../platform/cache/cache-policy.js';
import { EntityCache } from '../platform/cache/entity-cache.js';
import { processMetrics } from '../platform/observability/process-metrics.js';
import { stuckOrderCounts } from '../platform/observability/stuck-order-counts.js';
import { connectRedis } from '../platform/redis.js';
import { composeGraph } from '../schema/tools/compose-graph.js';
import { subgraphEntries, type SubgraphName } from '../subgraphs/index.js';
import { CarrierClient, parseCarrierConfig } from '../connectors/carrier/index.js';
import {
  startCarrierEmulator,
  type RunningCarrierEmulator,
  type StartCarrierEmulatorOptions,
} from '../connectors/carrier/emulator/server.js';
import { parseWmsConfig, WmsClient } from '../connectors/wms/index.js';
import {
  startWmsEmulator,
  type RunningWmsEmulator,
  type StartWmsEmulatorOptions,
} from '../connectors/wms/emulator/server.js';
import { startShippingSubgraph } from '../subgraphs/shipping/server.js';
import { startWarehouseSubgraph } from '../subgraphs/warehouse/server.js';
import { seedDemoFulfilment } from './demo-fulfilment.js';
import { startEmbeddedEvents, type EmbeddedEvents, type EmbeddedEventsOptions } from './embedded-events.js';
import { startEmbeddedOrchestration, type EmbeddedOrchestrationOptions } from './embedded-orchestration.js';
import type { RunningOrchestrator } from '../orchestration/orchestrator.js';
import type { RunningEventsService } from '../events/service.js';
import { startAccessSubgraph } from '../subgraphs/access/server.js';
import { startInventorySubgraph } from '../subgraphs/inventory/server.js';
import { startInvoicingSubgraph } from '../subgraphs/invoicing/server.js';
import { startOperationsSubgraph } from '../subgraphs/operations/server.js';
import { startOrdersSubgraph } from '../subgraphs/orders/server.js';
import { openDemoKeyStore } from './demo-key-store.js';
import { findDemoPartners } from './demo-partners.js';

export interface EmbeddedStackOptions {
  logger: Logger;
  /** Secret the gateway signs identities with; default: random for this run (tests pass their own). */
  identitySecret?: string;
  /** Gateway port; 0 (default) picks a free one. */
  port?: number;
  host?: string;
  /** Subgraph ports; 0 (default) picks free ones. */
  subgraphPorts?: Partial<Record<SubgraphName, number>>;
  /** The emulated Odoo (port 0 by default, demo data at scale 1 by default). */
  odoo?: StartOdooEmulatorOptions;
  /** The emulated WMS (port 0 by default); its orders are seeded from Odoo's demo history. */
  wms?: StartWmsEmulatorOptions;
  /** The emulated carrier API (port 0 by default); shipped demo orders get parcels with tracking. */
  carrier?: StartCarrierEmulatorOptions;
  /** Options of the subgraphs' Odoo clients (timeouts, concurrency...). */
  odooClient?: Partial<OdooConfigInput>;
  /**
   * Where the API keys live, shared by the gateway and the access subgraph: Redis at `redisUrl` (keys
   * under `namespace`, default `dg`) or, without a URL (the default), memory. The demo keys are seeded in
   * either case. `store` uses a store of the caller's instead (not seeded, not closed).
   */
  apiKeys?: { redisUrl?: string; namespace?: string } | { store: ApiKeyStore };
  /**
   * Redis for the gateway's rate limits and audit stream (unless `gateway.security.redis` is given).
   * Default none: in-process buckets and audit to the log only, with a warning.
   */
  redisUrl?: string;
  /**
   * The event stream subscriptions follow (in Redis at `redisUrl`). Default `dg:events`; tests pass one
   * of their own. Without `redisUrl` there are no events and subscriptions answer EVENTS_UNAVAILABLE.
   */
  eventStream?: string;
  /** The events service's reconciliation (default: every 30 s), or false for none. */
  reconcile?: EmbeddedEventsOptions['reconcile'];
  /** The events service's port (webhooks in); 0 (default) picks a free one. */
  eventsPort?: number;
  /**
   * The entity cache under the inventory, orders and invoicing loaders (in Redis at `redisUrl`; see
   * platform/cache), with its namespace and policies; false for none. Default on with `redisUrl`, under
   * `<eventStream>:cache` when a stream is given (a test's stream brings its own entries), else `dg:cache`.
   */
  entityCache?: EntityCacheConfig | false;
  /** Tuning, rate policy and stuck limits of the order-to-cash orchestration (started with `redisUrl`). */
  orchestration?: Pick<EmbeddedOrchestrationOptions, 'tuning' | 'ratePolicy' | 'stuckLimits'>;
  /**
   * The gateway's response cache, in Redis at `redisUrl` and invalidated by `eventStream` (keys under
   * the stream's name when one is given, else `dg`): on by default with `redisUrl`; false turns it off
   * (benchmarks compare both). `ttls`: seconds per type over the defaults.
   */
  responseCache?: { ttls?: Record<string, number> } | false;
  gateway?: Partial<
    Pick<
      StartGatewayOptions,
      | 'allowAnonymous'
      | 'corsOrigins'
      | 'deduplicateInflightRequests'
      | 'sandboxHeaders'
      | 'security'
      | 'operationsPage'
    >
  >;
}

export interface EmbeddedStack {
  odoo: RunningOdooEmulator;
  wms: RunningWmsEmulator;
  carrier: RunningCarrierEmulator;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  gateway: RunningGateway;
  /** Webhooks in and reconciliation; null without Redis. */
  events: RunningEventsService | null;
  /** The order-to-cash orchestration, which captured orders are handed to; null without Redis. */
  orchestration: RunningOrchestrator | null;
  supergraphSdl: string;
  demoPartners: DemoPartner[];
  close(): Promise<void>;
}

export async function startEmbeddedStack(options: EmbeddedStackOptions): Promise<EmbeddedStack> {
  const { logger } = options;
  const host = options.host ?? '127.0.0.1';
  const odoo = await startOdooEmulator({
    port: 0,
    host,
    demo: true,
    logger: logger.child({ part: 'odoo-emulator' }),
    ...options.odoo,
  });
  const wms = await startWmsEmulator({
    port: 0,
    host,
    logger: logger.child({ part: 'wms-emulator' }),
    ...options.wms,
  });
  const carrier = await startCarrierEmulator({
    port: 0,
    host,
    logger: logger.child({ part: 'carrier-emulator' }),
    ...options.carrier,
  });
  const wmsClient = (name: string) =>
    new WmsClient(parseWmsConfig({ url: wms.url, token: wms.token }, { mode: 'demo' }), {
      logger: logger.child({ part: `${name}:wms` }),
      onCall: countCallsTo.wms,
    });
  const carrierClient = (name: string) =>
    new CarrierClient(parseCarrierConfig({ url: carrier.url, apiKey: carrier.apiKey }, { mode: 'demo' }), {
      logger: logger.child({ part: `${name}:carrier` }),
      onCall: countCallsTo.carrier,
    });
  const client = (name: string) =>
    new OdooClient({
      config: odooConfigSchema.parse({
        url: odoo.url,
        apiKey: odoo.apiKey,
        database: odoo.database,
        login: odoo.login,
        ...options.odooClient,
      }),
      logger: logger.child({ part: `${name}:odoo` }),
      onCall: countCallsTo.odoo,
    });
  // A secret of this run only: it never leaves the process, and a restart invalidates every token.
  const identitySecret = options.identitySecret ?? randomBytes(32).toString('hex');
  const hubs: OpenedEventHub[] = [];
  // Each subgraph has a hub of its own, as it would in its own process.
  const eventHub = async (name: SubgraphName) => {
    if (!options.redisUrl) return null;
    const opened = await openEventHub({
      url: options.redisUrl,
      logger: logger.child({ part: name }),
      ...(options.eventStream ? { stream: options.eventStream } : {}),
    });
    hubs.push(opened);
    return opened.hub;
  };
  const common = (name: SubgraphName) => ({
    odoo: client(name),
    logger: logger.child({ part: name }),
    identitySecret,
    host,
    port: options.subgraphPorts?.[name] ?? 0,
  });
  /** Everything started so far that runs until closed: subgraphs and the events service. */
  const started: { close(): Promise<void> }[] = [];
  const closeKeys: (() => Promise<void>)[] = [];
  const cacheNamespace =
    options.entityCache === false
      ? undefined
      : (options.entityCache?.namespace ??
        (options.eventStream ? `${options.eventStream}:cache` : undefined));
  // Each Odoo subgraph has a cache (and connection) of its own, as it would in its own process.
  const entityCache = async (name: SubgraphName) => {
    if (!options.redisUrl || options.entityCache === false) return null;
    const redis = await connectRedis({
      url: options.redisUrl,
      logger: logger.child({ part: `${name}:cache` }),
    });
    closeKeys.push(() => Promise.resolve(redis.destroy()));
    return new EntityCache({
      redis,
      logger: logger.child({ part: `${name}:cache` }),
      ...options.entityCache,
      ...(cacheNamespace ? { namespace: cacheNamespace } : {}),
    });
  };
  try {
    const inventory = await startInventorySubgraph({
      ...common('inventory'),
      events: await eventHub('inventory'),
      cache: await entityCache('inventory'),
    });
    started.push(inventory);
    // captureOrder keeps its idempotency keys in Redis; without it, it answers IDEMPOTENCY_UNAVAILABLE.
    const ordersRedis = options.redisUrl
      ? await connectRedis({ url: options.redisUrl, logger: logger.child({ part: 'orders:redis' }) })
      : undefined;
    if (ordersRedis) closeKeys.push(() => Promise.resolve(ordersRedis.destroy()));
    const orchestration = options.redisUrl
      ? await startEmbeddedOrchestration({
          redisUrl: options.redisUrl,
          ...(options.eventStream ? { stream: options.eventStream } : {}),
          ...(cacheNamespace ? { cacheNamespace } : {}),
          responseCacheNamespace: options.eventStream ?? 'dg',
          odoo: client('orchestration'),
          wms: wmsClient('orchestration'),
          carrier: carrierClient('orchestration'),
          ...options.orchestration,
          logger: logger.child({ part: 'orchestration' }),
        })
      : null;
    if (orchestration) {
      started.push(orchestration);
      // Its stuck orders in this process's /metrics (dg_orchestration_*).
      const untrack = processMetrics().trackOrchestration(stuckOrderCounts(orchestration.progress));
      closeKeys.push(() => Promise.resolve(untrack()));
    }
    const orders = await startOrdersSubgraph({
      ...common('orders'),
      events: await eventHub('orders'),
      cache: await entityCache('orders'),
      ...(ordersRedis ? { redis: ordersRedis } : {}),
      ...(orchestration
        ? {
            progress: orchestration.progress,
            onCaptured: async (order) => void (await orchestration.startOrchestration(order)),
          }
        : {}),
    });
    started.push(orders);
    const invoicing = await startInvoicingSubgraph({
      ...common('invoicing'),
      cache: await entityCache('invoicing'),
    });
    started.push(invoicing);
    if (options.odoo?.demo !== false) await seedDemoFulfilment(client('seeder'), wms, carrier);
    const warehouse = await startWarehouseSubgraph({ ...common('warehouse'), wms: wmsClient('warehouse') });
    started.push(warehouse);
    const shipping = await startShippingSubgraph({
      ...common('shipping'),
      wms: wmsClient('shipping'),
      carrier: carrierClient('shipping'),
      events: await eventHub('shipping'),
    });
    started.push(shipping);
    const demoPartners = await findDemoPartners(client('gateway'));
    const events: EmbeddedEvents | null = options.redisUrl
      ? await startEmbeddedEvents({
          redisUrl: options.redisUrl,
          ...(options.eventStream ? { stream: options.eventStream } : {}),
          odoo: client('events'),
          odooEmulator: odoo,
          wms: wmsClient('events'),
          wmsWarehouses: parseWmsConfig({ url: wms.url, token: wms.token }, { mode: 'demo' }).warehouses,
          carrier: carrierClient('events'),
          ...(options.reconcile !== undefined ? { reconcile: options.reconcile } : {}),
          ...(cacheNamespace ? { cacheNamespace } : {}),
          responseCacheNamespace: options.eventStream ?? 'dg',
          logger: logger.child({ part: 'events' }),
          host,
          port: options.eventsPort ?? 0,
        })
      : null;
    if (events) started.push(events);
    const keys = await openDemoKeyStore(options.apiKeys, demoPartners, logger);
    closeKeys.push(() => keys.close());
    const securityRedis =
      options.redisUrl && !options.gateway?.security?.redis
        ? await connectRedis({ url: options.redisUrl, logger: logger.child({ part: 'redis' }) })
        : undefined;
    if (securityRedis) closeKeys.push(() => Promise.resolve(securityRedis.destroy()));
    const access = await startAccessSubgraph({
      ...common('access'),
      keys: keys.store,
      ...(events ? { webhooks: events.webhooks } : {}),
    });
    started.push(access);
    const urls = {
      inventory: inventory.url,
      orders: orders.url,
      invoicing: invoicing.url,
      access: access.url,
      warehouse: warehouse.url,
      shipping: shipping.url,
    };
    // Its own clients, as the events service has: integration health probes them.
    const operations = await startOperationsSubgraph({
      ...common('operations'),
      wms: wmsClient('operations'),
      carrier: carrierClient('operations'),
      ...(securityRedis || options.gateway?.security?.redis
        ? { redis: options.gateway?.security?.redis ?? securityRedis! }
        : {}),
      eventStream: options.eventStream ?? 'dg:events',
      ...(events ? { webhooks: events.webhooks } : {}),
      webhookNamespace: options.eventStream ? `${options.eventStream}:dg` : 'dg',
      subgraphs: urls,
    });
    started.push(operations);
    const { supergraphSdl } = composeGraph(subgraphEntries({ ...urls, operations: operations.url }));
    const gateway = await startGateway({
      port: options.port ?? 0,
      host,
      supergraphSdl,
      identitySecret,
      apiKeys: keys.store,
      mode: 'demo',
      logger: logger.child({ part: 'gateway' }),
      ...options.gateway,
      security: { ...(securityRedis ? { redis: securityRedis } : {}), ...options.gateway?.security },
      responseCache:
        options.redisUrl && options.responseCache !== false
          ? {
              redis: options.gateway?.security?.redis ?? securityRedis!,
              namespace: options.eventStream ?? 'dg',
              eventStream: options.eventStream ?? 'dg:events',
              ...options.responseCache,
            }
          : false,
    });
    const close = async () => {
      await gateway.close();
      await Promise.all(hubs.map((hub) => hub.close()));
      await Promise.all(started.map((subgraph) => subgraph.close()));
      await Promise.all([odoo.close(), wms.close(), carrier.close()]);
      await Promise.all(closeKeys.map((closeOne) => closeOne()));
    };
    return {
      odoo,
      wms,
      carrier,
      subgraphs: { inventory, orders, invoicing, access, warehouse, shipping, operations },
      gateway,
      events: events?.service ?? null,
      orchestration,
      supergraphSdl,
      demoPartners,
      close,
    };
  } catch (error) {
    await Promise.all(hubs.map((hub) => hub.close()));
    await Promise.all(started.map((subgraph) => subgraph.close()));
    await Promise.all([odoo.close(), wms.close(), carrier.close()]);
    await Promise.all(closeKeys.map((close) => close()));
    throw error;
  }
}
