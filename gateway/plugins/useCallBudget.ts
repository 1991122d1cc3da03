import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { OperationTypeNode, type ExecutionResult } from 'graphql';
import { CALL_BUDGET_HEADER } from '../../platform/cache/call-budget-plugin.js';
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

/** Whether the caller asked: `x-dg-call-budget` (any value but `0`), as a header or connection param. */
function askedIn(context: { request?: Request; connectionParams?: Record<string, unknown> }): boolean {
  const value =
    context.request?.headers.get(CALL_BUDGET_HEADER) ?? context.connectionParams?.[CALL_BUDGET_HEADER];
  return value !== undefined && value !== null && value !== '0';
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
 * The call budget you can see: an internal caller that sends `x-dg-call-budget: 1` (as the subgraphs
 * expect it) gets in the response's `extensions` `callBudget`, the sum over the operation's subgraph
 * requests of what each reported (calls to Odoo, the WMS and the carrier, entity cache hits and misses;
 * the gateway passes the header on) with `responseCacheHit`, and, when the response cache was consulted,
 * `cache: { hit }`. Nobody else gets either (a subgraph's own `callBudget` is removed too). Subscriptions
 * are not counted. The metrics count the same at the source: each connector call and cache lookup is
 * published on the observability channels.
 */
export function useCallBudget(): GatewayPlugin<DgContext> {
  return {
    onContextBuilding({ context, extendContext }) {
      // Only an internal caller that asks (after authentication, which put the principal here).
      const asked = askedIn(context as { request?: Request; connectionParams?: Record<string, unknown> });
      if (asked && (context as Partial<DgContext>).principal?.kind === 'internal')
        extendContext({ callBudget: emptyCallBudget() });
    },
    onSubgraphExecute({ executionRequest }) {
      const context = executionRequest.context as Partial<DgContext> | undefined;
      const budget = context?.callBudget;
      if (!budget) return;
      // Subgraphs report only when asked, and only to internal callers: pass the question on.
      if (executionRequest.operationType !== OperationTypeNode.SUBSCRIPTION) {
        const extensions = executionRequest.extensions ?? {};
        const headers = (extensions.headers ?? {}) as Record<string, string>;
        executionRequest.extensions = { ...extensions, headers: { ...headers, [CALL_BUDGET_HEADER]: '1' } };
      }
      return ({ result }) => {
        if (!isAsyncIterable(result)) addReported(budget, result);
      };
    },
    onExecute({ args }) {
      const context = args.contextValue as Partial<DgContext>;
      return {
        onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result)) return;
          const budget = context.callBudget;
          const { callBudget: _subgraphs, cache: _cache, ...others } = result.extensions ?? {};
          if (!budget) {
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
