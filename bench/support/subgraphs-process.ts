/**
 * The emulated Odoo and the three subgraphs in one process, for benchmarks that measure a gateway in
 * another: tells the parent the subgraph URLs, the identity secret and an order number to ask for.
 */
import { randomBytes } from 'node:crypto';
import { OdooClient, odooConfigSchema } from '../../connectors/odoo/index.js';
import { startOdooEmulator } from '../../connectors/odoo/emulator/server.js';
import { createLogger } from '../../platform/logger.js';
import { startInventorySubgraph } from '../../subgraphs/inventory/server.js';
import { startInvoicingSubgraph } from '../../subgraphs/invoicing/server.js';
import { startOrdersSubgraph } from '../../subgraphs/orders/server.js';

const logger = createLogger({ name: 'bench-subgraphs', level: 'warn' });
const latencyMs = Number(process.env.BENCH_ODOO_LATENCY_MS ?? '0');
const odoo = await startOdooEmulator({
  port: 0,
  demo: { scale: 1, seed: 1 },
  faults: { latency: { fixedMs: latencyMs, jitterMs: 0 } },
});
const identitySecret = randomBytes(32).toString('hex');
const client = () =>
  new OdooClient({
    config: odooConfigSchema.parse({
      url: odoo.url,
      apiKey: odoo.apiKey,
      database: odoo.database,
      login: odoo.login,
      maxConcurrency: 16,
    }),
    logger,
  });
const options = () => ({ odoo: client(), logger, identitySecret });
const subgraphs = [
  await startInventorySubgraph(options()),
  await startOrdersSubgraph(options()),
  await startInvoicingSubgraph(options()),
];
const [order] = await client().searchRead('sale.order', {
  domain: [
    ['state', '=', 'sale'],
    ['invoice_ids', '!=', false],
  ],
  fields: ['name'],
  limit: 1,
  order: 'id',
});

process.send?.({
  urls: { inventory: subgraphs[0]!.url, orders: subgraphs[1]!.url, invoicing: subgraphs[2]!.url },
  identitySecret,
  orderNumber: order!.name,
});
process.on('disconnect', () => {
  void Promise.all(subgraphs.map((s) => s.close()))
    .then(() => odoo.close())
    .then(() => process.exit(0));
});
