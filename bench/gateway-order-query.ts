/**
 * Our gateway beside @apollo/gateway on the same subgraphs, in the same run, for the order query of
 * examples/operations (one order with customer, lines, products with stock per warehouse, invoices).
 * Subgraphs and the emulated Odoo share one process; each gateway runs alone in another; autocannon
 * loads it from this one. Bounded: BENCH_SECONDS (default 10) per gateway after a 2 s warm-up, with
 * BENCH_CONNECTIONS (default 16), loopback only.
 *   npm run bench:gateway
 */
import autocannon from 'autocannon';
import { print } from 'graphql';
import { writeFile } from 'node:fs/promises';
import { OrderDetailDocument } from '../examples/generated/graphql.js';
import { DEMO_INTERNAL_API_KEY } from '../gateway/auth/demo-api-keys.js';
import { startBackends } from './support/backends.js';
import { forkReady } from './support/child.js';
import { describeMachine } from './support/machine.js';

interface SubgraphsReady {
  urls: Record<string, string>;
  identitySecret: string;
  orderNumber: string;
}

const seconds = Number(process.env.BENCH_SECONDS ?? '10');
const connections = Number(process.env.BENCH_CONNECTIONS ?? '16');

async function measure(kind: string, subgraphs: SubgraphsReady) {
  const gateway = await forkReady<{ url: string }>('bench/support/gateway-process.ts', {
    BENCH_GATEWAY: kind,
    BENCH_INPUT: JSON.stringify(subgraphs),
  });
  try {
    const body = JSON.stringify({
      query: print(OrderDetailDocument),
      variables: { number: subgraphs.orderNumber },
    });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${DEMO_INTERNAL_API_KEY}` };
    // One checked request first: a gateway that answers errors fast must not pass for a fast gateway.
    const probe = (await (await fetch(gateway.ready.url, { method: 'POST', headers, body })).json()) as {
      data?: { order?: { number: string } };
      errors?: unknown;
    };
    if (probe.errors || probe.data?.order?.number !== subgraphs.orderNumber)
      throw new Error(`${kind} answered ${JSON.stringify(probe)}`);
    const options = { url: gateway.ready.url, method: 'POST' as const, headers, body, connections };
    await autocannon({ ...options, duration: 2 });
    const result = await autocannon({ ...options, duration: seconds });
    return {
      kind,
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.non2xx + result.timeouts,
    };
  } finally {
    await gateway.stop();
  }
}

const backends = await startBackends();
const subgraphs = backends.subgraphs;
try {
  const rows = [];
  for (const kind of ['hive', 'hive-no-dedup', 'apollo']) rows.push(await measure(kind, subgraphs.ready));
  const apollo = rows.find((row) => row.kind === 'apollo')!;
  const names: Record<string, string> = {
    hive: 'ours: Hive runtime + Rust planner (in-flight dedup on, the default)',
    'hive-no-dedup': 'ours: Hive runtime + Rust planner (dedup off)',
    apollo: '@apollo/gateway 2.14 on @apollo/server 5',
  };
  const table = [
    `Gateway benchmark: order query (OrderDetail), ${seconds} s per gateway after 2 s warm-up, ${connections} connections`,
    `Machine: ${describeMachine()}`,
    `Date: ${new Date().toISOString()}`,
    '',
    '| gateway | requests/s | p50 ms | p99 ms | errors | × @apollo/gateway |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${names[r.kind]} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${(r.rps / apollo.rps).toFixed(2)} |`,
    ),
  ].join('\n');
  console.log(table);
  await writeFile('bench/results/gateway-order-query.md', `${table}\n`);
  if (rows.some((r) => r.errors > 0)) process.exitCode = 1;
} finally {
  await backends.stop();
}
