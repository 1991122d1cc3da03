/**
 * Issue 7: sustained `captureOrder` mutations per second through the gateway, with the emulated Odoo
 * answering at once and then at a realistic latency (every RPC waits 15–25 ms, uniform: 20 ± 5 ms), the
 * mutation's p50/p90/p99/max, the outcome mix, errors, Odoo calls per request and CPU; then a replay
 * phase (each captured key sent again with its input: the stored outcome, `replayed: true`).
 *
 * Closed loop: BENCH_CONCURRENCY (default 16) mutations in flight for BENCH_SECONDS (default 15) per
 * phase, each with a unique idempotency key and customer reference, alternating the two demo partner
 * keys; 2 lines of 1 unit each over 20 SKUs whose stock the bench tops up first (an Odoo inventory
 * adjustment of 100,000 in every warehouse), with the partners' credit limits lifted, so that captures do
 * not run out of stock or credit: the rate counts OrderCaptured only and the mix is reported. The
 * partner rate budget (20,000 cost units a minute by default) is lifted: this measures the capture.
 *
 * The stack (`startEmbeddedStack`: emulators, subgraphs, events service with reconciliation off,
 * orchestration, gateway) runs in a child process, on loopback; this process drives the load. It runs
 * twice: first as `npm start` runs it, the order-to-cash orchestration taking each captured order
 * (`onCaptured`) and working on it in the same process (phases 0 ms, 20 ms, replay; between phases the
 * bench waits until Odoo has been quiet for a second, at most BENCH_SETTLE_S); then with the
 * orchestration stopped right after start, so that `onCaptured` fails at once and the capture carries
 * on (the README's rule), which isolates the mutation's own cost (phases 0 ms, 20 ms, and 20 ms with one
 * mutation in flight: its latency without queueing). A 3 s warm-up precedes each run.
 * Bounded by BENCH_TIMEOUT_S (default 180 s); deletes the idempotency records and the Redis keys it made.
 * Knobs: BENCH_CONCURRENCY, BENCH_SECONDS, BENCH_REPLAY_SECONDS, BENCH_ODOO_MAX_CONCURRENCY (the stack's
 * Odoo clients, default 4 as in production), BENCH_OUT (results path without extension), BENCH_LOG_LEVEL.
 *   REDIS_URL=redis://127.0.0.1:6379 npm run bench:capture
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { m2o } from '../connectors/odoo/emulator/business/values.js';
import { DEMO_PARTNER1_API_KEY, DEMO_PARTNER2_API_KEY } from '../gateway/auth/demo-api-keys.js';
import { sha256Hex } from '../platform/idempotency/canonical-fingerprint.js';
import { createLogger } from '../platform/logger.js';
import { connectRedis } from '../platform/redis.js';
import { toGlobalId } from '../schema/canonical/global-id.js';
import { startEmbeddedStack } from '../stack/embedded-stack.js';
import { forkReady, type ReadyChild } from './support/child.js';
import { describeMachine } from './support/machine.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? '16');
const SECONDS = Number(process.env.BENCH_SECONDS ?? '15');
const REPLAY_SECONDS = Number(process.env.BENCH_REPLAY_SECONDS ?? '10');
const WARMUP_SECONDS = 3;
/** The phase with one mutation in flight: the latency without queueing. */
const SOLO_SECONDS = 5;
/** Longest wait, between phases, for the orchestration's backlog (Odoo quiet for one second). */
const SETTLE_MS = Number(process.env.BENCH_SETTLE_S ?? '10') * 1000;
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_S ?? '180') * 1000;
const CHILD_LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'fatal';
/** The stack's Odoo clients: calls at once per client (default 4, as ODOO_MAX_CONCURRENCY in production). */
const ODOO_MAX_CONCURRENCY = Number(process.env.BENCH_ODOO_MAX_CONCURRENCY ?? '4');
/** Where the results go, without extension. */
const OUT = process.env.BENCH_OUT ?? 'bench/results/capture-orders';
const SKU_COUNT = 20;
const TOP_UP = 100_000;
/** Every Odoo RPC waits fixedMs + uniform 0..jitterMs: 20 ± 5 ms. */
const REALISTIC = { fixedMs: 15, jitterMs: 10 };
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
const LOAD_AT_START = load();

const CAPTURE = `mutation Capture($input: CaptureOrderInput!, $key: String!) {
  captureOrder(input: $input, idempotencyKey: $key) {
    replayed
    idempotencyKey
    outcome {
      __typename
      ... on OrderCaptured { order { number customerReference status } }
      ... on OrderOutOfStock { warehouse lines { sku requested available } }
      ... on OrderCreditHold { orderTotal { amount currency } creditLimit { amount currency } }
      ... on OrderInvalid { issues { path message } }
      ... on OrderDuplicateReference { existingOrder { number } }
    }
  }
}`;

type Orchestration = 'running' | 'stopped';

interface BenchPartner {
  key: string;
  tenant: number;
  addressId: string;
}

interface StackReady {
  gatewayUrl: string;
  odooUrl: string;
  odooAdminKey: string;
  partners: BenchPartner[];
  skus: string[];
}

const cpuMsOf = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

// ---- In the child: the stack, its demo data made fit for thousands of captures, CPU on request. ----

async function runStack(stream: string, orchestration: Orchestration): Promise<void> {
  const logger = createLogger({ name: 'bench-capture-stack', level: CHILD_LOG_LEVEL });
  const stack = await startEmbeddedStack({
    logger,
    redisUrl: REDIS_URL,
    eventStream: stream,
    reconcile: { autoStart: false },
    odooClient: { maxConcurrency: ODOO_MAX_CONCURRENCY },
    gateway: {
      security: { partnerBudget: null, redisNamespace: stream, auditStream: `${stream}:audit` },
    },
  });
  if (orchestration === 'stopped') await stack.orchestration?.close();
  // Straight into the emulator's ORM: no RPC, so neither counted nor delayed.
  const env = stack.odoo.emulator.env();
  const keys = [DEMO_PARTNER1_API_KEY, DEMO_PARTNER2_API_KEY];
  const partners = stack.demoPartners.map((partner, index) => {
    env.write('res.partner', [partner.tenantPartnerId], { credit_limit: 0 });
    const [address] = env.search(
      'res.partner',
      [
        ['parent_id', '=', partner.tenantPartnerId],
        ['type', '=', 'delivery'],
      ],
      { limit: 1, order: 'id' },
    );
    return { key: keys[index]!, tenant: partner.tenantPartnerId, addressId: toGlobalId('Address', address!) };
  });
  const products = env.search(
    'product.product',
    [
      ['is_storable', '=', true],
      ['default_code', '!=', false],
    ],
    { limit: SKU_COUNT, order: 'default_code' },
  );
  for (const warehouse of env.search('stock.warehouse', [])) {
    const location = m2o(env.value('stock.warehouse', warehouse, 'lot_stock_id'));
    if (location === false) continue;
    for (const product of products) {
      const [quant] = env.search('stock.quant', [
        ['product_id', '=', product],
        ['location_id', '=', location],
      ]);
      const id =
        quant ??
        env.create('stock.quant', { product_id: product, location_id: location, inventory_quantity: TOP_UP });
      if (quant !== undefined) env.write('stock.quant', [id], { inventory_quantity: TOP_UP });
      env.call('stock.quant', 'action_apply_inventory', [id], {});
    }
  }
  process.on('message', (message) => {
    if (message === 'cpu') process.send?.({ cpuMs: cpuMsOf(process.cpuUsage()) });
  });
  process.on('disconnect', () => void stack.close().finally(() => process.exit(0)));
  const ready: StackReady = {
    gatewayUrl: stack.gateway.url,
    odooUrl: stack.odoo.url,
    odooAdminKey: stack.odoo.adminKey,
    partners,
    skus: products.map((product) => String(env.value('product.product', product, 'default_code'))),
  };
  process.send?.(ready);
}

// ---- In the driver. ----

interface Sent {
  partner: BenchPartner;
  key: string;
  input: Record<string, unknown>;
}

interface Answer {
  ms: number;
  /** The outcome's __typename, or the error code. */
  kind: string;
  replayed: boolean;
  error: boolean;
}

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

class Driver {
  readonly agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  /** Every idempotency key sent, to delete its record at the end. */
  readonly used: { tenant: number; key: string }[] = [];
  /** The first body of each error kind, to say what it was. */
  readonly firstErrors: Record<string, string> = {};
  next = 0;

  constructor(readonly stack: StackReady) {}

  /** A fresh capture: a new key and customer reference, 2 lines of 1 unit, partners alternating. */
  fresh(): Sent {
    const n = (this.next += 1);
    const partner = this.stack.partners[n % this.stack.partners.length]!;
    const { skus } = this.stack;
    const first = Math.floor(Math.random() * skus.length);
    const second = (first + 1 + Math.floor(Math.random() * (skus.length - 1))) % skus.length;
    const key = randomUUID();
    this.used.push({ tenant: partner.tenant, key });
    return {
      partner,
      key,
      input: {
        customerReference: `BENCH-${key}`,
        lines: [
          { sku: skus[first], quantity: '1' },
          { sku: skus[second], quantity: '1' },
        ],
        shipTo: { addressId: partner.addressId },
        shipping: { service: 'STANDARD' },
      },
    };
  }

  send(sent: Sent): Promise<Answer> {
    const body = JSON.stringify({ query: CAPTURE, variables: { input: sent.input, key: sent.key } });
    const started = performance.now();
    return new Promise((resolve) => {
      const done = (kind: string, replayed: boolean, error: boolean, text: string) => {
        if (error && !(kind in this.firstErrors)) this.firstErrors[kind] = text.slice(0, 400);
        resolve({ ms: performance.now() - started, kind, replayed, error });
      };
      const req = request(
        this.stack.gatewayUrl,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            authorization: `Bearer ${sent.partner.key}`,
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              const json = JSON.parse(text) as {
                data?: { captureOrder?: { replayed: boolean; outcome: { __typename: string } } | null };
                errors?: { extensions?: { code?: string } }[];
              };
              const result = json.data?.captureOrder;
              if (res.statusCode === 200 && result && !json.errors)
                return done(result.outcome.__typename, result.replayed, false, text);
              done(json.errors?.[0]?.extensions?.code ?? `HTTP ${res.statusCode}`, false, true, text);
            } catch {
              done(`HTTP ${res.statusCode} (not JSON)`, false, true, text);
            }
          });
        },
      );
      req.on('error', (error) => done(`socket: ${error.message}`, false, true, String(error)));
      req.end(body);
    });
  }

  /** `inFlight` loops, each sending the next request when its last was answered, until `seconds`. */
  async closedLoop(
    seconds: number,
    inFlight: number,
    next: () => Sent,
    keep?: (sent: Sent, answer: Answer) => void,
  ) {
    const answers: Answer[] = [];
    const started = performance.now();
    const until = started + seconds * 1000;
    const loop = async () => {
      while (performance.now() < until) {
        const sent = next();
        const answer = await this.send(sent);
        answers.push(answer);
        keep?.(sent, answer);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, loop));
    return { answers, elapsedMs: performance.now() - started };
  }

  close(): void {
    this.agent.destroy();
  }
}

async function admin(stack: StackReady, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) {
  const response = await fetch(`${stack.odooUrl}/__emulator/${path}`, {
    method,
    headers: { authorization: `Bearer ${stack.odooAdminKey}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok)
    throw new Error(`emulator ${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<unknown>;
}

const odooCalls = async (stack: StackReady) =>
  (await admin(stack, 'GET', 'calls')) as { total: number; byMethod: Record<string, number> };

function cpuOf(child: ReadyChild<StackReady>): Promise<number> {
  return new Promise((resolve) => {
    const onMessage = (message: unknown) => {
      if (typeof message !== 'object' || message === null || !('cpuMs' in message)) return;
      child.child.off('message', onMessage);
      resolve((message as { cpuMs: number }).cpuMs);
    };
    child.child.on('message', onMessage);
    child.child.send('cpu');
  });
}

/** Waits until Odoo has served no call for a second (the orchestration's backlog done), at most SETTLE_MS. */
async function settle(stack: StackReady): Promise<{ ms: number; odooCalls: number; quiet: boolean }> {
  const started = performance.now();
  const first = (await odooCalls(stack)).total;
  let last = first;
  while (performance.now() - started < SETTLE_MS) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = (await odooCalls(stack)).total;
    if (now === last)
      return { ms: Math.round(performance.now() - started), odooCalls: now - first, quiet: true };
    last = now;
  }
  return { ms: Math.round(performance.now() - started), odooCalls: last - first, quiet: false };
}

interface PhaseResult {
  label: string;
  orchestration: Orchestration;
  odooLatency: string;
  inFlight: number;
  seconds: number;
  requests: number;
  /** OrderCaptured (capture phases) or replayed answers (the replay phase) per second. */
  ratePerSecond: number;
  requestsPerSecond: number;
  mix: Record<string, number>;
  errors: number;
  /** Over the answers the rate counts. */
  latencyMs: { p50: number | null; p90: number | null; p99: number | null; max: number | null };
  odooCallsPerRequest: number;
  odooCallsByMethod: Record<string, number>;
  cpuPercent: { driver: number; stack: number };
  loadAverageAfter: string;
  settled?: { ms: number; odooCalls: number; quiet: boolean };
}

async function phase(
  label: string,
  context: { driver: Driver; stack: ReadyChild<StackReady>; orchestration: Orchestration },
  options: {
    latency: string;
    seconds: number;
    inFlight?: number;
    next: () => Sent;
    counts: (a: Answer) => boolean;
  },
  keep?: (sent: Sent, answer: Answer) => void,
): Promise<PhaseResult> {
  const { driver, stack } = context;
  await admin(stack.ready, 'DELETE', 'calls');
  const before = { driver: cpuMsOf(process.cpuUsage()), stack: await cpuOf(stack), at: performance.now() };
  const inFlight = options.inFlight ?? CONCURRENCY;
  const { answers, elapsedMs } = await driver.closedLoop(options.seconds, inFlight, options.next, keep);
  const after = { driver: cpuMsOf(process.cpuUsage()), stack: await cpuOf(stack), at: performance.now() };
  const calls = await odooCalls(stack.ready);
  const counted = answers.filter(options.counts);
  const sorted = counted.map((a) => a.ms).sort((a, b) => a - b);
  const mix: Record<string, number> = {};
  for (const answer of answers) {
    const kind = answer.replayed ? `${answer.kind} (replayed)` : answer.kind;
    mix[kind] = (mix[kind] ?? 0) + 1;
  }
  const pct = (part: 'driver' | 'stack') =>
    Math.round(((after[part] - before[part]) / (after.at - before.at)) * 100);
  const ms = (p: number) => {
    const v = percentile(sorted, p);
    return v === null ? null : round1(v);
  };
  return {
    label,
    orchestration: context.orchestration,
    odooLatency: options.latency,
    inFlight,
    seconds: round1(elapsedMs / 1000),
    requests: answers.length,
    ratePerSecond: round1(counted.length / (elapsedMs / 1000)),
    requestsPerSecond: round1(answers.length / (elapsedMs / 1000)),
    mix,
    errors: answers.filter((a) => a.error).length,
    latencyMs: { p50: ms(50), p90: ms(90), p99: ms(99), max: sorted.length ? round1(sorted.at(-1)!) : null },
    odooCallsPerRequest: answers.length ? round1(calls.total / answers.length) : 0,
    odooCallsByMethod: calls.byMethod,
    cpuPercent: { driver: pct('driver'), stack: pct('stack') },
    loadAverageAfter: load(),
  };
}

/** One stack, its phases. */
async function runWith(
  orchestration: Orchestration,
  stream: string,
  children: ReadyChild<StackReady>[],
  drivers: Driver[],
): Promise<PhaseResult[]> {
  const stack = await forkReady<StackReady>('bench/capture-orders.ts', {
    BENCH_ROLE: 'stack',
    BENCH_STREAM: stream,
    BENCH_ORCHESTRATION: orchestration,
  });
  children.push(stack);
  const driver = new Driver(stack.ready);
  drivers.push(driver);
  const context = { driver, stack, orchestration };
  const fresh = () => driver.fresh();
  const captured = (a: Answer) => a.kind === 'OrderCaptured' && !a.replayed;
  const results: PhaseResult[] = [];
  const note = (r: PhaseResult) => {
    results.push(r);
    console.log(
      `${r.label} (orchestration ${orchestration}): ${r.ratePerSecond}/s, p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, ${JSON.stringify(r.mix)}`,
    );
  };
  await admin(stack.ready, 'DELETE', 'faults');
  await driver.closedLoop(WARMUP_SECONDS, CONCURRENCY, fresh);
  if (orchestration === 'running') await settle(stack.ready);
  note(
    await phase('capture, Odoo 0 ms', context, {
      latency: '0 ms',
      seconds: SECONDS,
      next: fresh,
      counts: captured,
    }),
  );
  if (orchestration === 'running') results.at(-1)!.settled = await settle(stack.ready);
  await admin(stack.ready, 'POST', 'faults', { latency: REALISTIC });
  const replayable: Sent[] = [];
  note(
    await phase(
      'capture, Odoo 20 ± 5 ms',
      context,
      { latency: '20 ± 5 ms', seconds: SECONDS, next: fresh, counts: captured },
      (sent, answer) => {
        if (captured(answer)) replayable.push(sent);
      },
    ),
  );
  if (orchestration === 'stopped')
    note(
      await phase('capture, one at a time, Odoo 20 ± 5 ms', context, {
        latency: '20 ± 5 ms',
        seconds: SOLO_SECONDS,
        inFlight: 1,
        next: fresh,
        counts: captured,
      }),
    );
  if (orchestration === 'running') {
    results.at(-1)!.settled = await settle(stack.ready);
    let i = 0;
    note(
      await phase('replay (same key and input), Odoo 20 ± 5 ms', context, {
        latency: '20 ± 5 ms',
        seconds: REPLAY_SECONDS,
        next: () => replayable[(i += 1) % replayable.length]!,
        counts: (a) => a.kind === 'OrderCaptured' && a.replayed,
      }),
    );
  }
  return results;
}

function report(phases: PhaseResult[], firstErrors: Record<string, string>): string {
  const ms = (v: number | null) => (v === null ? '–' : v.toFixed(1));
  const mix = (m: Record<string, number>) =>
    Object.entries(m)
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ');
  const own = phases.find((p) => p.orchestration === 'stopped' && p.odooLatency === '0 ms');
  const byMethod = own
    ? Object.entries(own.odooCallsByMethod)
        .sort(([, a], [, b]) => b - a)
        .map(([method, n]) => `${method} ${round1(n / own.requests)}`)
        .join(', ')
    : '';
  return [
    `captureOrder through the gateway: ${CONCURRENCY} mutations in flight (closed loop; one phase with 1), ${SECONDS} s per capture phase (${SOLO_SECONDS} s with 1 in flight), ${REPLAY_SECONDS} s of replays; each capture a new idempotency key and customer reference, 2 lines of 1 unit over ${SKU_COUNT} SKUs topped up to ${TOP_UP} in every warehouse, the two demo partners alternating (credit limits and the partner rate budget lifted)`,
    `Stack: startEmbeddedStack in one child process (emulated Odoo, WMS and carrier, six subgraphs, events service with reconciliation off, orchestration, gateway), loopback; the driver in another. Each Odoo client of the stack takes ${ODOO_MAX_CONCURRENCY} calls at once (ODOO_MAX_CONCURRENCY; 4 is the default) and queues the rest. Odoo latency "20 ± 5 ms": every RPC waits 15–25 ms, uniform (emulator fault \`latency: { fixedMs: 15, jitterMs: 10 }\`)`,
    `Machine: ${describeMachine()}; shared with other work: load average (1 / 5 / 15 min) ${LOAD_AT_START} at the start`,
    `Date: ${new Date().toISOString()}`,
    '',
    'Rate: OrderCaptured answers per second (replay phase: replayed answers per second); latency over those answers, measured by the driver (request sent → body read). Odoo calls: served by the emulator during the phase, per request answered (with the orchestration running they include its calls). CPU: share of one core. Settle: the wait after the phase until Odoo was quiet for 1 s (the orchestration’s backlog).',
    '',
    '| orchestration | phase | in flight | rate/s | requests | p50 ms | p90 ms | p99 ms | max ms | outcomes | errors | Odoo calls / request | CPU % driver / stack | load 1 min after | settle |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- |',
    ...phases.map(
      (p) =>
        `| ${p.orchestration} | ${p.label} | ${p.inFlight} | ${p.ratePerSecond} | ${p.requests} | ${ms(p.latencyMs.p50)} | ${ms(p.latencyMs.p90)} | ${ms(p.latencyMs.p99)} | ${ms(p.latencyMs.max)} | ${mix(p.mix)} | ${p.errors} | ${p.odooCallsPerRequest} | ${p.cpuPercent.driver} / ${p.cpuPercent.stack} | ${p.loadAverageAfter.split(' / ')[0]} | ${p.settled ? `${(p.settled.ms / 1000).toFixed(1)} s, ${p.settled.odooCalls} calls${p.settled.quiet ? '' : ' (not quiet)'}` : '–'} |`,
    ),
    '',
    own ? `Odoo calls per capture by method (orchestration stopped, 0 ms): ${byMethod}` : '',
    ...Object.entries(firstErrors).map(([kind, body]) => `\nFirst ${kind}: \`${body}\``),
  ].join('\n');
}

async function drive(): Promise<void> {
  const base = `bench-capture-${randomUUID()}`;
  const logger = createLogger({ name: 'bench-capture', level: 'warn' });
  const redis = await connectRedis({ url: REDIS_URL, logger });
  const children: ReadyChild<StackReady>[] = [];
  const drivers: Driver[] = [];
  const cleanUp = async () => {
    for (const driver of drivers) driver.close();
    await Promise.all(children.map((child) => child.stop()));
    const keys = drivers.flatMap((driver) =>
      driver.used.map(({ tenant, key }) => `dg:idempotency:captureOrder:tenant-${tenant}:${sha256Hex(key)}`),
    );
    for await (const batch of redis.scanIterator({ MATCH: `${base}*`, COUNT: 1000 })) keys.push(...batch);
    for (let i = 0; i < keys.length; i += 1000) await redis.del(keys.slice(i, i + 1000));
    redis.destroy();
  };
  const deadline = setTimeout(() => {
    console.error(`hard timeout after ${TIMEOUT_MS / 1000} s: stopping`);
    for (const child of children) child.child.kill('SIGKILL');
    void cleanUp().finally(() => process.exit(2));
    setTimeout(() => process.exit(2), 10_000).unref();
  }, TIMEOUT_MS);
  try {
    const phases: PhaseResult[] = [];
    for (const orchestration of ['running', 'stopped'] as const) {
      phases.push(...(await runWith(orchestration, `${base}-${orchestration}`, children, drivers)));
      await children.at(-1)!.stop();
    }
    const firstErrors = Object.assign({}, ...drivers.map((d) => d.firstErrors)) as Record<string, string>;
    const table = report(phases, firstErrors);
    console.log(table);
    await writeFile(`${OUT}.md`, `${table}\n`);
    await writeFile(
      `${OUT}.json`,
      `${JSON.stringify(
        {
          date: new Date().toISOString(),
          machine: describeMachine(),
          loadAverageAtStart: LOAD_AT_START,
          concurrency: CONCURRENCY,
          odooClientMaxConcurrency: ODOO_MAX_CONCURRENCY,
          secondsPerPhase: SECONDS,
          replaySeconds: REPLAY_SECONDS,
          realisticOdooLatency: REALISTIC,
          skus: SKU_COUNT,
          phases,
          firstErrors,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    clearTimeout(deadline);
    await cleanUp();
  }
}

const role = process.env.BENCH_ROLE;
if (role === 'stack')
  await runStack(
    process.env.BENCH_STREAM ?? '',
    (process.env.BENCH_ORCHESTRATION ?? 'running') as Orchestration,
  );
else await drive();
