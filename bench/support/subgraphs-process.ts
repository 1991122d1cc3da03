/**
 * The emulated Odoo, WMS and carrier and the five data subgraphs (inventory, orders, invoicing,
 * warehouse, shipping) in one process, for benchmarks that measure a gateway in another. Tells the
 * parent the subgraph URLs, the identity secret, the Odoo emulator's admin address (call counts,
 * latency) and what to ask for: an invoiced order, the customer with the most orders and a SKU.
 *
 * The WMS emulator's credit throttle is lifted (see below); the carrier emulator runs as it ships.
 *
 * Environment: BENCH_ODOO_LATENCY_MS (default 0) per Odoo call; BENCH_REDIS_URL with
 * BENCH_CACHE_NAMESPACE puts the entity cache under the inventory, orders and invoicing loaders.
 */
import { randomBytes } from 'node:crypto';
import { CarrierClient, parseCarrierConfig } from '../../connectors/carrier/index.js';
import { startCarrierEmulator } from '../../connectors/carrier/emulator/server.js';
import { OdooClient, odooConfigSchema } from '../../connectors/odoo/index.js';
import { startOdooEmulator } from '../../connectors/odoo/emulator/server.js';
import { parseWmsConfig, WmsClient } from '../../connectors/wms/index.js';
import { startWmsEmulator } from '../../connectors/wms/emulator/server.js';
import { countCallsTo } from '../../platform/cache/call-budget.js';
import { EntityCache } from '../../platform/cache/entity-cache.js';
import { createLogger } from '../../platform/logger.js';
import { connectRedis, type RedisClient } from '../../platform/redis.js';
import { toGlobalId } from '../../schema/canonical/global-id.js';
import { seedDemoFulfilment } from '../../stack/demo-fulfilment.js';
import { startInventorySubgraph } from '../../subgraphs/inventory/server.js';
import { startInvoicingSubgraph } from '../../subgraphs/invoicing/server.js';
import { startOrdersSubgraph } from '../../subgraphs/orders/server.js';
import { startShippingSubgraph } from '../../subgraphs/shipping/server.js';
import { startWarehouseSubgraph } from '../../subgraphs/warehouse/server.js';

/** What the parent receives once everything listens. */
export interface SubgraphsReady {
  urls: { inventory: string; orders: string; invoicing: string; warehouse: string; shipping: string };
  identitySecret: string;
  /** The Odoo emulator's base URL and admin key, for `/__emulator/calls` and `/__emulator/faults`. */
  odoo: { url: string; adminKey: string };
  /** An invoiced sales order's number. */
  orderNumber: string;
  /** The global id of the customer with the most confirmed orders, and how many it has. */
  customerId: string;
  customerOrders: number;
  /** A product's SKU. */
  sku: string;
}

const logger = createLogger({ name: 'bench-subgraphs', level: 'warn' });
const latencyMs = Number(process.env.BENCH_ODOO_LATENCY_MS ?? '0');
const redisUrl = process.env.BENCH_REDIS_URL;
const namespace = process.env.BENCH_CACHE_NAMESPACE;

const odoo = await startOdooEmulator({
  port: 0,
  demo: { scale: 1, seed: 1 },
  faults: { latency: { fixedMs: latencyMs, jitterMs: 0 } },
});
// ShipHero's credit throttle (60 credits/s) lifted: the portal's shipments cost 16 credits a request,
// so with it the uncached portal query is held to about 4 a second by the WMS, whatever the gateway.
const wms = await startWmsEmulator({ port: 0, creditsPerSecond: 1_000_000 });
const carrier = await startCarrierEmulator({ port: 0 });
const identitySecret = randomBytes(32).toString('hex');
// 16 calls at once per client: each subgraph stands for a deployment of its own, not one queue.
const odooClient = () =>
  new OdooClient({
    config: odooConfigSchema.parse({
      url: odoo.url,
      apiKey: odoo.apiKey,
      database: odoo.database,
      login: odoo.login,
      maxConcurrency: 16,
    }),
    logger,
    onCall: countCallsTo.odoo,
  });
const wmsClient = () =>
  new WmsClient(parseWmsConfig({ url: wms.url, token: wms.token }, { mode: 'demo' }), {
    logger,
    onCall: countCallsTo.wms,
  });
const carrierClient = () =>
  new CarrierClient(parseCarrierConfig({ url: carrier.url, apiKey: carrier.apiKey }, { mode: 'demo' }), {
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

const seeder = odooClient();
await seedDemoFulfilment(seeder, wms, carrier);
const inventory = await startInventorySubgraph({ ...common(), cache: await entityCache() });
const orders = await startOrdersSubgraph({ ...common(), cache: await entityCache() });
const invoicing = await startInvoicingSubgraph({ ...common(), cache: await entityCache() });
const warehouse = await startWarehouseSubgraph({ ...common(), wms: wmsClient() });
const shipping = await startShippingSubgraph({ ...common(), wms: wmsClient(), carrier: carrierClient() });
const subgraphs = [inventory, orders, invoicing, warehouse, shipping];

const [order] = await seeder.searchRead('sale.order', {
  domain: [
    ['state', '=', 'sale'],
    ['invoice_ids', '!=', false],
  ],
  fields: ['name'],
  limit: 1,
  order: 'id',
});
const confirmed = await seeder.searchRead('sale.order', {
  domain: [['state', '=', 'sale']],
  fields: ['partner_id'],
});
const perCustomer = new Map<number, number>();
for (const row of confirmed) {
  const partner = row.partner_id;
  if (partner) perCustomer.set(partner.id, (perCustomer.get(partner.id) ?? 0) + 1);
}
const [customerRowId, customerOrders] = [...perCustomer].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]!;
const [product] = await seeder.searchRead('product.product', {
  domain: [['default_code', '!=', false]],
  fields: ['default_code'],
  limit: 1,
  order: 'id',
});
odoo.emulator.calls.reset();

const ready: SubgraphsReady = {
  urls: {
    inventory: inventory.url,
    orders: orders.url,
    invoicing: invoicing.url,
    warehouse: warehouse.url,
    shipping: shipping.url,
  },
  identitySecret,
  odoo: { url: odoo.url, adminKey: odoo.adminKey },
  orderNumber: String(order!.name),
  customerId: toGlobalId('Customer', customerRowId),
  customerOrders,
  sku: String(product!.default_code),
};
process.send?.(ready);
process.on('disconnect', () => {
  void Promise.all(subgraphs.map((s) => s.close()))
    .then(() => Promise.all([odoo.close(), wms.close(), carrier.close()]))
    .then(() => redisClients.forEach((redis) => redis.destroy()))
    .then(() => process.exit(0));
});
