import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { ExecutionResult } from 'graphql';
import type { DgContext } from '../gateway-context.js';

/** What one operation cost the connected systems, summed over its subgraph requests. */
export interface CallBudget {
  /** Calls to Odoo, the WMS and the carrier. */
  odoo: number;
  wms: number;
  carrier: number;
  /** Entity cache hits and misses in the subgraphs. */
  cacheHits: number;
  cacheMisses: number;
  /** Whether the gateway answered from its response cache; null when the cache was not consulted. */
  responseCacheHit: boolean | null;
}

const COUNTS = ['odoo', 'wms', 'carrier', 'cacheHits', 'cacheMisses'] as const;

export const emptyCallBudget = (): CallBudget => ({
  odoo: 0,
  wms: 0,
  carrier: 0,
  cacheHits: 0,
  cacheMisses: 0,
  responseCacheHit: null,
});

/** Process totals of the same figures, for `/metrics`. */
export class CallBudgetMetrics {
  readonly totals = { operations: 0, responseCacheHits: 0, responseCacheMisses: 0, ...emptyCounts() };

  record(budget: CallBudget): void {
    this.totals.operations += 1;
    if (budget.responseCacheHit === true) this.totals.responseCacheHits += 1;
    if (budget.responseCacheHit === false) this.totals.responseCacheMisses += 1;
    for (const name of COUNTS) this.totals[name] += budget[name];
  }

  /** The totals in the Prometheus text format. */
  prometheus(): string {
    const line = (name: string, help: string, value: number, labels = '') =>
      `# HELP ${name} ${help}\n# TYPE ${name} counter\n${name}${labels} ${value}\n`;
    const t = this.totals;
    const calls = ['odoo', 'wms', 'carrier'] as const;
    return [
      line('dg_gateway_operations_total', 'Queries and mutations answered.', t.operations),
      `# HELP dg_gateway_response_cache_total Response cache lookups by outcome.\n# TYPE dg_gateway_response_cache_total counter\n`,
      `dg_gateway_response_cache_total{outcome="hit"} ${t.responseCacheHits}\n`,
      `dg_gateway_response_cache_total{outcome="miss"} ${t.responseCacheMisses}\n`,
      `# HELP dg_gateway_upstream_calls_total Calls to connected systems, as reported by the subgraphs.\n# TYPE dg_gateway_upstream_calls_total counter\n`,
      ...calls.map((system) => `dg_gateway_upstream_calls_total{system="${system}"} ${t[system]}\n`),
      `# HELP dg_gateway_entity_cache_total Subgraph entity cache lookups by outcome.\n# TYPE dg_gateway_entity_cache_total counter\n`,
      `dg_gateway_entity_cache_total{outcome="hit"} ${t.cacheHits}\n`,
      `dg_gateway_entity_cache_total{outcome="miss"} ${t.cacheMisses}\n`,
    ].join('');
  }
}

function emptyCounts(): Record<(typeof COUNTS)[number], number> {
  return { odoo: 0, wms: 0, carrier: 0, cacheHits: 0, cacheMisses: 0 };
}

export interface CallBudgetOptions {
  /** Where process totals are kept. Default: a fresh {@link CallBudgetMetrics}. */
  metrics?: CallBudgetMetrics;
  /** Path serving the totals in the Prometheus text format; null for none. Default `/metrics`. */
  metricsPath?: string | null;
}

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === 'object' && value !== null && Symbol.asyncIterator in value;

/** Adds a subgraph's `extensions.callBudget` (non-negative numbers only) to `budget`. */
function addReported(budget: CallBudget, result: ExecutionResult): void {
  const reported = result.extensions?.callBudget as Record<string, unknown> | undefined;
  if (!reported || typeof reported !== 'object') return;
  for (const name of COUNTS) {
    const value = reported[name];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) budget[name] += value;
  }
}

/**
 * The call budget you can see: sums what each subgraph reports in `extensions.callBudget` (calls to
 * Odoo, the WMS and the carrier, entity cache hits and misses) over an operation's subgraph requests, and
 * tells internal callers in the response's `extensions`: `callBudget` (those sums and
 * `responseCacheHit`) and, when the response cache was consulted, `cache: { hit }`. Partners get neither
 * (a subgraph's own `callBudget` is removed too). Every query and mutation also counts in the process
 * totals served at `/metrics`. Subscriptions are not counted.
 */
export function useCallBudget(options: CallBudgetOptions = {}): GatewayPlugin<DgContext> {
  const metrics = options.metrics ?? new CallBudgetMetrics();
  const metricsPath = options.metricsPath === undefined ? '/metrics' : options.metricsPath;
  return {
    onRequest(payload) {
      const { url, fetchAPI } = payload;
      if (metricsPath === null || url.pathname !== metricsPath) return;
      payload.endResponse(
        new fetchAPI.Response(metrics.prometheus(), {
          headers: { 'content-type': 'text/plain; version=0.0.4' },
        }),
      );
    },
    onContextBuilding({ extendContext }) {
      extendContext({ callBudget: emptyCallBudget() });
    },
    onSubgraphExecute({ executionRequest }) {
      const budget = (executionRequest.context as Partial<DgContext> | undefined)?.callBudget;
      if (!budget) return;
      return ({ result }) => {
        if (!isAsyncIterable(result)) addReported(budget, result);
      };
    },
    onExecute({ args }) {
      const context = args.contextValue as Partial<DgContext>;
      return {
        onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result)) return;
          const budget = context.callBudget ?? emptyCallBudget();
          metrics.record(budget);
          const { callBudget: _subgraphs, cache: _cache, ...others } = result.extensions ?? {};
          if (context.principal?.kind !== 'internal') {
            if (result.extensions && ('callBudget' in result.extensions || 'cache' in result.extensions))
              setResult({ ...result, extensions: others });
            return;
          }
          setResult({
            ...result,
            extensions: {
              ...others,
              ...(budget.responseCacheHit === null ? {} : { cache: { hit: budget.responseCacheHit } }),
              callBudget: { ...budget },
            },
          });
        },
      };
    },
  };
}
