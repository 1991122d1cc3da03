import { startOdooEmulator } from '../connectors/odoo/emulator/server.js';
const started = performance.now();
const o = await startOdooEmulator({ port: 0, demo: { scale: 500, seed: 1 } });
const env = o.emulator.env();
process.stdout.write(`orders ${env.searchCount('sale.order', [])} in ${((performance.now() - started) / 1000).toFixed(1)} s, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB\n`);
const t = performance.now();
const res = await fetch(`${o.url}/json/2/sale.order/search_read`, { method: 'POST', headers: { authorization: `bearer ${o.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ domain: [['state', '=', 'sale']], fields: ['name', 'amount_total'], limit: 80, order: 'date_order desc' }) });
process.stdout.write(`search_read 80 of 100k: ${res.status} in ${(performance.now() - t).toFixed(0)} ms\n`);
await o.close();
