/**
 * Data subgraphs (inventory, orders, invoicing, warehouse, shipping: those BENCH_SUBGRAPHS names, comma
 * separated, or all five) in one process, over the
 * emulators of emulators-process.ts (BENCH_EMULATORS, the JSON that process sent), for benchmarks that
 * measure a gateway in another. Tells the parent the subgraph URLs and the identity secret, with the
 * emulators' own message passed through (the Odoo admin address for call counts and latency, and what
 * to ask for).
 *
 * Environment: BENCH_REDIS_URL with BENCH_CACHE_NAMESPACE puts the entity cache under the inventory,
 * orders and invoicing loaders; BENCH_IDENTITY_SECRET is the identity secret shared with the other
 * subgraph processes (default: a random one of this process's own).
 */
import { randomBytes } from 'node:crypto';
import { CarrierClient, parseCarrierConfig } from '../../connectors/carrier/index.js';
import { OdooClient, odooConfigSchema } from '../../connectors/odoo/index.js';
import { parseWmsConfig, WmsClient } from '../../connectors/wms/index.js';
import { countCallsTo } from '../../platform/cache/call-budget.js';
import { EntityCache } from '../../platform/cache/entity-cache.js';
import { createLogger } from '../../platform/logger.js';
import { connectRedis, type RedisClient } from '../../platform/redis.js';
import { startInventorySubgraph } from '../../subgraphs/inventory/server.js';
import { startInvoicingSubgraph } from '../../subgraphs/invoicing/server.js';
import { startOrdersSubgraph } from '../../subgraphs/orders/server.js';
import { startShippingSubgraph } from '../../subgraphs/shipping/server.js';
import { startWarehouseSubgraph } from '../../subgraphs/warehouse/server.js';
import type { EmulatorsReady } from './emulators-process.js';

/** What the parent receives once everything listens. */
export interface SubgraphsReady extends Omit<EmulatorsReady, 'odoo'> {
  urls: { inventory: string; orders: string; invoicing: string; warehouse: string; shipping: string };
  identitySecret: string;
  /** The Odoo emulator's base URL and admin key, for `/__emulator/calls` and `/__emulator/faults`. */
  odoo: { url: string; adminKey: string };
}

const emulators = JSON.parse(process.env.BENCH_EMULATORS ?? 'null') as EmulatorsReady | null;
if (!emulators) throw new Error('BENCH_EMULATORS is not set: start bench/support/emulators-process.ts first');
const logger = createLogger({ name: 'bench-subgraphs', level: 'warn' });
const redisUrl = process.env.BENCH_REDIS_URL;
const namespace = process.env.BENCH_CACHE_NAMESPACE;
// Subgraphs in processes of their own share the secret their gateway signs identities with.
const identitySecret = process.env.BENCH_IDENTITY_SECRET ?? randomBytes(32).toString('hex');
const only = process.env.BENCH_SUBGRAPHS?.split(',');
const wanted = (name: keyof SubgraphsReady['urls']): boolean => !only || only.includes(name);

// 16 calls at once per client: each subgraph stands for a deployment of its own, not one queue.
const odooClient = () =>
  new OdooClient({
    config: odooConfigSchema.parse({
      url: emulators.odoo.url,
      apiKey: emulators.odoo.apiKey,
      database: emulators.odoo.database,
      login: emulators.odoo.login,
      maxConcurrency: 16,
    }),
    logger,
    onCall: countCallsTo.odoo,
  });
const wmsClient = () =>
  new WmsClient(parseWmsConfig(emulators.wms, { mode: 'demo' }), { logger, onCall: countCallsTo.wms });
const carrierClient = () =>
  new CarrierClient(parseCarrierConfig(emulators.carrier, { mode: 'demo' }), {
    logger,
    onCall: countCallsTo.carrier,
  });
const redisClients: RedisClient[] = [];
/** Each cached subgraph with a connection of its own, as in its own process. */
const entityCache = async () => {
  if (!redisUrl || !namespace) return null;
  const redis = await connectRedis({ url: redisUrl, logger });
  redisClients.push(redis);
  return new EntityCache({ redis, logger, namespace });
};
const common = () => ({ odoo: odooClient(), logger, identitySecret, host: '127.0.0.1', port: 0 });

const starters = {
  inventory: async () => startInventorySubgraph({ ...common(), cache: await entityCache() }),
  orders: async () => startOrdersSubgraph({ ...common(), cache: await entityCache() }),
  invoicing: async () => startInvoicingSubgraph({ ...common(), cache: await entityCache() }),
  warehouse: () => startWarehouseSubgraph({ ...common(), wms: wmsClient() }),
  shipping: () => startShippingSubgraph({ ...common(), wms: wmsClient(), carrier: carrierClient() }),
};
const urls: Partial<SubgraphsReady['urls']> = {};
const subgraphs: { close(): Promise<void> }[] = [];
for (const name of Object.keys(starters) as (keyof typeof starters)[]) {
  if (!wanted(name)) continue;
  const started = await starters[name]();
  subgraphs.push(started);
  urls[name] = started.url;
}

const ready: SubgraphsReady = {
  ...emulators,
  urls: urls as SubgraphsReady['urls'],
  identitySecret,
  odoo: { url: emulators.odoo.url, adminKey: emulators.odoo.adminKey },
};
process.send?.(ready);
process.on('disconnect', () => {
  void Promise.all(subgraphs.map((s) => s.close()))
    .then(() => redisClients.forEach((redis) => redis.destroy()))
    .then(() => process.exit(0));
});
