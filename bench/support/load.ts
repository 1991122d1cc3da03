import autocannon from 'autocannon';
import { DEMO_INTERNAL_API_KEY } from '../../gateway/auth/demo-api-keys.js';
import type { BenchOperation } from './operations.js';

/** Headers of every benchmark request: JSON, the internal demo key. */
export const BENCH_HEADERS = {
  'content-type': 'application/json',
  authorization: `Bearer ${DEMO_INTERNAL_API_KEY}`,
};

export interface LoadResult {
  /** Requests answered per second over the measured time. */
  rps: number;
  /** Latency percentiles in ms (nearest rank over every answer, to 0.1 ms). */
  p50: number;
  p99: number;
  requests: number;
  /** Socket errors, non-2xx answers, timeouts and answers with GraphQL `errors`. */
  errors: number;
  /** Every answer's latency in ms, and the seconds measured, for {@link combineLoads}. */
  latencies: number[];
  seconds: number;
}

/** Nearest-rank percentile of `values`, rounded to 0.1. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const value = sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  return Math.round(value * 10) / 10;
}

/** One checked request: its data, or a thrown error when it answers errors or not what is expected. */
export async function probe(url: string, operation: BenchOperation): Promise<unknown> {
  const response = await fetch(url, { method: 'POST', headers: BENCH_HEADERS, body: operation.body });
  const result = (await response.json()) as { data?: unknown; errors?: unknown };
  if (!response.ok || result.errors)
    throw new Error(`${url} answered ${JSON.stringify(result).slice(0, 500)}`);
  operation.check(result.data);
  return result.data;
}

/** Unmeasured closed-loop load on `url`: `connections` requests in flight for `seconds`. */
export async function warmUp(
  url: string,
  operation: BenchOperation,
  options: { connections: number; seconds: number },
): Promise<void> {
  const request = { method: 'POST' as const, headers: BENCH_HEADERS, body: operation.body };
  await autocannon({ url, ...request, connections: options.connections, duration: options.seconds });
}

/**
 * Closed-loop load on `url` with `connections` requests in flight: `warmupSeconds` unmeasured, then
 * `seconds` measured; `between` runs after the warm-up (e.g. to read a counter). A checked request
 * first, and every answer of the measured run that carries GraphQL `errors` (which come with a 200)
 * counted as an error, so a gateway that answers errors fast never passes for a fast one.
 */
export async function load(
  url: string,
  operation: BenchOperation,
  options: { connections: number; seconds: number; warmupSeconds: number; between?: () => Promise<void> },
): Promise<LoadResult> {
  await probe(url, operation);
  const request = { method: 'POST' as const, headers: BENCH_HEADERS, body: operation.body };
  await warmUp(url, operation, { connections: options.connections, seconds: options.warmupSeconds });
  await options.between?.();
  let graphqlErrors = 0;
  const onResponse = (status: number, body: string) => {
    if (status === 200 && body.includes('"errors"')) graphqlErrors += 1;
  };
  const latencies: number[] = [];
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: options.connections,
        duration: options.seconds,
        requests: [{ ...request, onResponse }],
      },
      (error, finished) => (error ? reject(error as Error) : resolve(finished)),
    );
    // autocannon emits (client, status, bytes, ms) though its typings leave the client out: the time is last.
    instance.on('response', (...args: unknown[]) => void latencies.push(Number(args.at(-1))));
  });
  const seconds = (performance.now() - started) / 1000;
  return {
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    requests: latencies.length,
    errors: result.errors + result.non2xx + result.timeouts + graphqlErrors,
    latencies,
    seconds,
  };
}

/** Several runs of one gateway as one: requests over the total time, percentiles over every answer. */
export function combineLoads(runs: readonly LoadResult[]): LoadResult {
  const latencies = runs.flatMap((run) => run.latencies);
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  return {
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    requests: latencies.length,
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    latencies,
    seconds,
  };
}
