/**
 * How many `search_read` calls of 80 records per second the Odoo emulator answers on one core, over
 * JSON-2 and JSON-RPC, so later benchmarks know it is not their bottleneck.
 * Bounded: each run lasts BENCH_SECONDS (default 10) with BENCH_CONNECTIONS (default 8) connections,
 * against an emulator on 127.0.0.1 in a child process.
 *   npm run bench:odoo-emulator
 */
import autocannon from 'autocannon';
import { writeFile } from 'node:fs/promises';
import { forkReady } from './support/child.js';
import { describeMachine } from './support/machine.js';

interface EmulatorReady {
  url: string;
  apiKey: string;
  database: string;
  login: string;
}

const seconds = Number(process.env.BENCH_SECONDS ?? '10');
const connections = Number(process.env.BENCH_CONNECTIONS ?? '8');
const fields = ['name', 'default_code', 'barcode', 'list_price', 'uom_id', 'categ_id', 'write_date'];

async function run(title: string, url: string, body: unknown, headers: Record<string, string>) {
  // Every response is checked for 80 records, so a broken call cannot pass as a fast one.
  let wrong = 0;
  const result = await autocannon({
    title,
    url,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    setupClient: (client) => {
      client.on('body', (raw: Buffer) => {
        const parsed = JSON.parse(raw.toString()) as unknown;
        const records = Array.isArray(parsed) ? parsed : (parsed as { result?: unknown }).result;
        if (!Array.isArray(records) || records.length !== 80) wrong += 1;
      });
    },
  });
  return {
    title,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    wrong,
    errors: result.non2xx + result.errors,
  };
}

const emulator = await forkReady<EmulatorReady>('bench/support/odoo-emulator-process.ts');
try {
  const { url, apiKey, database, login } = emulator.ready;
  const kwargs = { domain: [['sale_ok', '=', true]], fields, limit: 80, order: 'default_code' };
  const json2 = await run(
    'JSON-2 search_read product.product ×80',
    `${url}/json/2/product.product/search_read`,
    kwargs,
    {
      authorization: `bearer ${apiKey}`,
      'x-odoo-database': database,
    },
  );
  const auth = await fetch(`${url}/jsonrpc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      jsonrpc: '2.0',
      method: 'call',
      id: 1,
      params: { service: 'common', method: 'authenticate', args: [database, login, apiKey, {}] },
    }),
  });
  const uid = ((await auth.json()) as { result: number }).result;
  const jsonrpc = await run(
    'JSON-RPC execute_kw search_read product.product ×80',
    `${url}/jsonrpc`,
    {
      jsonrpc: '2.0',
      method: 'call',
      id: 1,
      params: {
        service: 'object',
        method: 'execute_kw',
        args: [database, uid, apiKey, 'product.product', 'search_read', [], kwargs],
      },
    },
    {},
  );
  const rows = [json2, jsonrpc];
  const table = [
    `Odoo emulator, search_read of 80 records (${seconds} s, ${connections} connections, emulator alone in one process)`,
    `Machine: ${describeMachine()}`,
    `Date: ${new Date().toISOString()}`,
    '',
    '| protocol | calls/s | p50 ms | p99 ms | non-2xx or errors | wrong bodies |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) => `| ${r.title} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.wrong} |`,
    ),
  ].join('\n');
  console.log(table);
  await writeFile('bench/results/odoo-emulator-search-read.md', `${table}\n`);
  if (rows.some((r) => r.errors > 0 || r.wrong > 0)) process.exitCode = 1;
} finally {
  await emulator.stop();
}
