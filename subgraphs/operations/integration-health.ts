import type { CircuitName, ConnectedSystem } from '../../platform/observability/channels.js';
import { redisCheck, type ReachableSystem } from '../../platform/observability/dependency-checks.js';
import type { RedisClient } from '../../platform/redis.js';
import type { RecentCalls } from './recent-calls.js';
import { subgraphReady } from './subgraph-ready.js';

export type SystemKind = 'connected_system' | 'data_store' | 'subgraph';

/** One system as operators see it: whether it answers now, and how calls to it went lately. */
export interface SystemHealth {
  name: string;
  kind: SystemKind;
  reachable: boolean;
  /** Why it is not reachable; null when it is. */
  error: string | null;
  /** How long the probe took, in milliseconds. */
  probeMs: number;
  circuit: CircuitName | null;
  recentCalls: number | null;
  recentErrorRate: number | null;
  recentLatencyMs: number | null;
  checkedAt: string;
}

export interface IntegrationHealthOptions {
  /** The clients of this process, probed with `checkReachable`. */
  systems: Partial<Record<ConnectedSystem, ReachableSystem>>;
  /** Null without Redis: then Redis is reported unreachable, "not configured". */
  redis: RedisClient | null;
  /** The other subgraphs by name, at their GraphQL URL (`/readyz` beside it is probed). */
  subgraphs: Record<string, string>;
  recentCalls: RecentCalls;
  /** Longest probe. Default 2000 ms. */
  timeoutMs?: number;
  /** How long one round of probes is reused, so that a busy page costs little. Default 2000 ms. */
  cacheMs?: number;
}

interface Probe {
  name: string;
  kind: SystemKind;
  check(signal: AbortSignal): Promise<void>;
}

function reason(error: unknown): string {
  const message = (value: unknown) => (value instanceof Error ? value.message : String(value));
  const cause = error instanceof Error && error.cause !== undefined ? `: ${message(error.cause)}` : '';
  return `${message(error)}${cause}`;
}

/** Probes Odoo, the WMS, the carrier, Redis and each subgraph, with the recent call figures beside. */
export class IntegrationHealth {
  readonly #options: IntegrationHealthOptions;
  readonly #probes: Probe[];
  #last: { at: number; report: Promise<SystemHealth[]> } | undefined;

  constructor(options: IntegrationHealthOptions) {
    this.#options = options;
    const redis = options.redis;
    this.#probes = [
      ...Object.entries(options.systems).map(([name, system]) => ({
        name,
        kind: 'connected_system' as const,
        check: (signal: AbortSignal) => system.checkReachable(signal),
      })),
      {
        name: 'redis',
        kind: 'data_store',
        check: redis
          ? (signal: AbortSignal) => redisCheck(redis).check(signal)
          : () => Promise.reject(new Error('not configured')),
      },
      ...Object.entries(options.subgraphs).map(([name, url]) => ({
        name,
        kind: 'subgraph' as const,
        check: (signal: AbortSignal) => subgraphReady(url, signal),
      })),
    ];
  }

  report(): Promise<SystemHealth[]> {
    const now = performance.now();
    if (this.#last && now - this.#last.at < (this.#options.cacheMs ?? 2000)) return this.#last.report;
    const report = Promise.all(this.#probes.map((probe) => this.#probe(probe)));
    this.#last = { at: now, report };
    return report;
  }

  async #probe(probe: Probe): Promise<SystemHealth> {
    const timeoutMs = this.#options.timeoutMs ?? 2000;
    const started = performance.now();
    const signal = AbortSignal.timeout(timeoutMs);
    const timedOut = new Promise<never>((_, reject) =>
      signal.addEventListener('abort', () => reject(new Error(`no answer within ${timeoutMs} ms`)), {
        once: true,
      }),
    );
    let error: string | null = null;
    try {
      await Promise.race([probe.check(signal), timedOut]);
    } catch (caught) {
      error = reason(caught);
    }
    const figures =
      probe.kind === 'connected_system'
        ? this.#options.recentCalls.figures(probe.name as ConnectedSystem)
        : null;
    return {
      name: probe.name,
      kind: probe.kind,
      reachable: error === null,
      error,
      probeMs: performance.now() - started,
      circuit: figures?.circuit ?? null,
      recentCalls: figures?.calls ?? null,
      recentErrorRate: figures?.errorRate ?? null,
      recentLatencyMs: figures?.meanLatencyMs ?? null,
      checkedAt: new Date().toISOString(),
    };
  }
}
