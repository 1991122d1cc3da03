/**
 * The emulated Odoo, WMS and carrier in one process of their own, seeded with the demo estate, for
 * benchmarks that measure subgraphs and gateways in others: a real Odoo, WMS and carrier run on other
 * machines, so their work is kept out of the processes under test and measured apart. Tells the parent
 * how to reach each one and what to ask for: an invoiced order, the customer with the most orders and
 * a SKU.
 *
 * The WMS emulator's credit throttle is lifted (see below); the carrier emulator runs as it ships.
 * Environment: BENCH_ODOO_LATENCY_MS (default 0) per Odoo call.
 */
import { startCarrierEmulator } from '../../connectors/carrier/emulator/server.js';
import { OdooClient, odooConfigSchema } from '../../connectors/odoo/index.js';
import { startOdooEmulator } from '../../connectors/odoo/emulator/server.js';
import { startWmsEmulator } from '../../connectors/wms/emulator/server.js';
import { createLogger } from '../../platform/logger.js';
import { toGlobalId } from '../../schema/canonical/global-id.js';
import { seedDemoFulfilment } from '../../stack/demo-fulfilment.js';

/** What the parent receives once the emulators listen. */
export interface EmulatorsReady {
  odoo: { url: string; apiKey: string; database: string; login: string; adminKey: string };
  wms: { url: string; token: string };
  carrier: { url: string; apiKey: string };
  /** An invoiced sales order's number. */
  orderNumber: string;
  /** The global id of the customer with the most confirmed orders, and how many it has. */
  customerId: string;
  customerOrders: number;
  /** A product's SKU. */
  sku: string;
}

const logger = createLogger({ name: 'bench-emulators', level: 'warn' });
const latencyMs = Number(process.env.BENCH_ODOO_LATENCY_MS ?? '0');

const odoo = await startOdooEmulator({
  port: 0,
  demo: { scale: 1, seed: 1 },
  faults: { latency: { fixedMs: latencyMs, jitterMs: 0 } },
});
// ShipHero's credit throttle (60 credits/s) lifted: the portal's shipments cost 16 credits a request,
// so with it the uncached portal query is held to about 4 a second by the WMS, whatever the gateway.
const wms = await startWmsEmulator({ port: 0, creditsPerSecond: 1_000_000 });
const carrier = await startCarrierEmulator({ port: 0 });
const seeder = new OdooClient({
  config: odooConfigSchema.parse({
    url: odoo.url,
    apiKey: odoo.apiKey,
    database: odoo.database,
    login: odoo.login,
  }),
  logger,
});
await seedDemoFulfilment(seeder, wms, carrier);

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

const ready: EmulatorsReady = {
  odoo: {
    url: odoo.url,
    apiKey: odoo.apiKey,
    database: odoo.database,
    login: odoo.login,
    adminKey: odoo.adminKey,
  },
  wms: { url: wms.url, token: wms.token },
  carrier: { url: carrier.url, apiKey: carrier.apiKey },
  orderNumber: String(order!.name),
  customerId: toGlobalId('Customer', customerRowId),
  customerOrders,
  sku: String(product!.default_code),
};
process.send?.(ready);
process.on('disconnect', () => {
  void Promise.all([odoo.close(), wms.close(), carrier.close()]).then(() => process.exit(0));
});
