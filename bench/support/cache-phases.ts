import type { RedisClient } from '../../platform/redis.js';
import { cpuMeter } from './cpu.js';
import { flushNamespace } from './flush-namespace.js';
import { BENCH_HEADERS, combineLoads, load, percentile, type LoadResult } from './load.js';
import { odooCallsServed } from './odoo-calls.js';
import type { BenchOperation } from './operations.js';

export interface PhaseResult extends LoadResult {
  /** Odoo calls served while measuring, and per request answered. */
  odooCalls: number;
  odooCallsPerOp: number;
  /** Share of one core each measured process used over the measured seconds, in %. */
  cpuPercent?: Record<string, number>;
}

interface CachePhaseContext {
  url: string;
  odoo: { url: string; adminKey: string };
  redis: RedisClient;
  /** Everything both caches hold lives under `<namespace>:`. */
  namespace: string;
}

/**
 * Cold: `requests` requests one at a time, both caches emptied before each, so each pays every Odoo
 * call a first visitor pays. Requests/s is one in flight's (requests / time spent).
 */
export async function coldPhase(
  context: CachePhaseContext,
  operation: BenchOperation,
  requests: number,
): Promise<PhaseResult> {
  const latencies: number[] = [];
  let calls = 0;
  let errors = 0;
  for (let i = 0; i < requests; i++) {
    await flushNamespace(context.redis, context.namespace);
    const before = await odooCallsServed(context.odoo);
    const started = performance.now();
    const response = await fetch(context.url, {
      method: 'POST',
      headers: BENCH_HEADERS,
      body: operation.body,
    });
    const result = (await response.json()) as { data?: unknown; errors?: unknown };
    latencies.push(performance.now() - started);
    calls += (await odooCallsServed(context.odoo)) - before;
    try {
      if (!response.ok || result.errors) throw new Error(JSON.stringify(result).slice(0, 300));
      operation.check(result.data);
    } catch {
      errors += 1;
    }
  }
  const total = latencies.reduce((sum, ms) => sum + ms, 0);
  return {
    rps: (requests * 1000) / total,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    requests,
    errors,
    latencies,
    seconds: total / 1000,
    odooCalls: calls,
    odooCallsPerOp: calls / requests,
  };
}

/**
 * Closed-loop load (see load.ts) with the Odoo calls and the CPU of `processes` (name to pid) counted
 * over the measured seconds only. Warm: run it on caches the cold phase left holding this answer.
 */
export async function countedLoad(
  url: string,
  odoo: { url: string; adminKey: string },
  operation: BenchOperation,
  options: {
    connections: number;
    seconds: number;
    warmupSeconds: number;
    processes?: Record<string, number | readonly number[]>;
  },
): Promise<PhaseResult> {
  let before = 0;
  let cpu: (() => Record<string, number>) | undefined;
  const result = await load(url, operation, {
    ...options,
    between: async () => {
      before = await odooCallsServed(odoo);
      cpu = cpuMeter(options.processes ?? {});
    },
  });
  const cpuPercent = cpu?.();
  const calls = (await odooCallsServed(odoo)) - before;
  return { ...result, odooCalls: calls, odooCallsPerOp: calls / Math.max(1, result.requests), cpuPercent };
}

/** Several measured runs of one gateway as one (see combineLoads); CPU shares weighted by time. */
export function combinePhases(runs: readonly PhaseResult[]): PhaseResult {
  const combined = combineLoads(runs);
  const odooCalls = runs.reduce((sum, run) => sum + run.odooCalls, 0);
  const cpuPercent: Record<string, number> = {};
  for (const run of runs)
    for (const [name, share] of Object.entries(run.cpuPercent ?? {}))
      cpuPercent[name] = (cpuPercent[name] ?? 0) + (share * run.seconds) / combined.seconds;
  for (const name of Object.keys(cpuPercent)) cpuPercent[name] = Math.round(cpuPercent[name]!);
  return { ...combined, odooCalls, odooCallsPerOp: odooCalls / Math.max(1, combined.requests), cpuPercent };
}
