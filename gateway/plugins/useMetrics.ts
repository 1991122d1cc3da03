import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { getOperationAST, type DocumentNode } from 'graphql';
import { METRICS_PATH } from '../../platform/observability/ops-endpoints.js';
import type { ProcessMetrics } from '../../platform/observability/process-metrics.js';
import type { DgContext } from '../gateway-context.js';
import type { SubgraphEndpoint } from '../readiness.js';

export interface MetricsOptions {
  /** The process's metrics; `/metrics` serves its registry. Required. */
  metrics: ProcessMetrics;
  /** The subgraphs, to name fetches by subgraph rather than URL. Required (may be empty). */
  subgraphs: readonly SubgraphEndpoint[];
  /** Where the Prometheus text is served. Default: `/metrics`. */
  path?: string;
}

interface Operation {
  name: string | null | undefined;
  principal: DgContext['principal'] | undefined;
  started: number;
}

/**
 * Prometheus metrics of the gateway: `/metrics`, every GraphQL operation (`dg_graphql_requests_total`
 * and its latency, `service="gateway"`: executed ones when they finish, refused ones as `rejected`) and
 * every fetch to a subgraph (`dg_subgraph_fetches_total` and its latency).
 */
export function useMetrics(options: MetricsOptions): GatewayPlugin<DgContext> {
  const path = options.path ?? METRICS_PATH;
  const subgraphByUrl = new Map(options.subgraphs.map((s) => [s.url, s.name]));
  const { graphql, subgraphFetches } = options.metrics;
  const started = new WeakMap<Request, number>();
  const names = new WeakMap<Request, string>();
  const executed = new WeakSet<Request>();
  const observe = (operation: Operation, outcome: 'ok' | 'error') =>
    graphql.observe({
      service: 'gateway',
      operation: operation.name,
      outcome,
      principal: operation.principal,
      durationSeconds: (performance.now() - operation.started) / 1000,
    });
  return {
    async onRequest(payload) {
      if (payload.url.pathname === path) {
        const { contentType, body } = await options.metrics.scrape();
        payload.endResponse(
          new payload.fetchAPI.Response(body, {
            headers: { 'content-type': contentType, 'cache-control': 'no-store' },
          }),
        );
        return;
      }
      started.set(payload.request, performance.now());
    },
    onParams({ params, request }) {
      if (params.operationName) names.set(request, params.operationName);
    },
    onExecute({ args }) {
      const context = args.contextValue as Partial<DgContext> & { request?: Request };
      const request = context.request;
      if (request) executed.add(request);
      const operation: Operation = {
        name: getOperationAST(args.document as DocumentNode, args.operationName as string | undefined)?.name
          ?.value,
        principal: context.principal,
        started: (request && started.get(request)) ?? performance.now(),
      };
      return {
        onExecuteDone({ result }) {
          // A stream (defer) is counted when it starts; its errors come later.
          const errors = Symbol.asyncIterator in result ? undefined : result.errors;
          observe(operation, errors?.length ? 'error' : 'ok');
        },
      };
    },
    onResultProcess({ request }) {
      const start = started.get(request);
      if (start === undefined || executed.has(request)) return;
      started.delete(request);
      graphql.observe({
        service: 'gateway',
        operation: names.get(request),
        outcome: 'rejected',
        principal: undefined,
        durationSeconds: (performance.now() - start) / 1000,
      });
    },
    onFetch({ url }) {
      const subgraph = subgraphByUrl.get(url) ?? 'unknown';
      const start = performance.now();
      return ({ response }) => {
        const outcome = response.ok ? 'ok' : `http_${response.status}`;
        subgraphFetches.observe(subgraph, outcome, (performance.now() - start) / 1000);
      };
    },
  };
}
