import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { Readiness } from '../../platform/observability/readiness.js';
import { checkReadiness, type Readiness as SubgraphReadiness, type SubgraphEndpoint } from '../readiness.js';

export interface HealthEndpointsOptions {
  /** The subgraphs `/readyz` probes. Required (may be empty). */
  subgraphs: readonly SubgraphEndpoint[];
  /**
   * The gateway's other dependencies (Redis) and whether it is shutting down. Default: none, never
   * draining. While draining, `/readyz` answers 503 `draining` without probing anything.
   */
  readiness?: Readiness;
  /** Liveness path: 200 `{"status":"ok"}` while the process serves. Default: `/healthz`. */
  healthPath?: string;
  /**
   * Readiness path: 200 when every subgraph answers and every dependency is reachable, else 503 naming
   * which is not and why. Default: `/readyz`.
   */
  readinessPath?: string;
  /** Per-subgraph probe timeout in milliseconds. Default: 2000. */
  probeTimeoutMs?: number;
}

/**
 * Liveness and readiness for load balancers and orchestrators, answered before any GraphQL handling.
 * Concurrent `/readyz` probes share one round of subgraph probes; dependency checks are cached briefly
 * by `readiness`.
 */
export function useHealthEndpoints(options: HealthEndpointsOptions): GatewayPlugin {
  const healthPath = options.healthPath ?? '/healthz';
  const readinessPath = options.readinessPath ?? '/readyz';
  let probing: Promise<SubgraphReadiness> | undefined;
  const probeSubgraphs = () => {
    probing ??= checkReadiness(options.subgraphs, options.probeTimeoutMs).finally(
      () => (probing = undefined),
    );
    return probing;
  };
  return {
    async onRequest(payload) {
      const { url, fetchAPI } = payload;
      if (url.pathname === healthPath) {
        payload.endResponse(fetchAPI.Response.json({ status: 'ok' }));
      } else if (url.pathname === readinessPath) {
        if (options.readiness?.draining) {
          payload.endResponse(fetchAPI.Response.json({ status: 'draining' }, { status: 503 }));
          return;
        }
        const [subgraphs, report] = await Promise.all([probeSubgraphs(), options.readiness?.report()]);
        const ready = subgraphs.ready && (report?.ready ?? true);
        const dependencies =
          report && Object.keys(report.dependencies).length > 0 ? report.dependencies : null;
        const body = {
          status: ready ? 'ready' : report?.draining ? 'draining' : 'not ready',
          subgraphs: subgraphs.subgraphs,
          ...(dependencies ? { dependencies } : {}),
        };
        payload.endResponse(fetchAPI.Response.json(body, { status: ready ? 200 : 503 }));
      }
    },
  };
}
