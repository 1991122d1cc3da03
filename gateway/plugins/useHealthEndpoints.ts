import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { checkReadiness, type SubgraphEndpoint } from '../readiness.js';

export interface HealthEndpointsOptions {
  /** The subgraphs `/readyz` probes. Required (may be empty). */
  subgraphs: readonly SubgraphEndpoint[];
  /** Liveness path: 200 `{"status":"ok"}` while the process serves. Default: `/healthz`. */
  healthPath?: string;
  /** Readiness path: 200 when every subgraph answers, else 503 naming which did not. Default: `/readyz`. */
  readinessPath?: string;
  /** Per-subgraph probe timeout in milliseconds. Default: 2000. */
  probeTimeoutMs?: number;
}

/** Liveness and readiness for load balancers and orchestrators, answered before any GraphQL handling. */
export function useHealthEndpoints(options: HealthEndpointsOptions): GatewayPlugin {
  const healthPath = options.healthPath ?? '/healthz';
  const readinessPath = options.readinessPath ?? '/readyz';
  return {
    async onRequest(payload) {
      const { url, fetchAPI } = payload;
      if (url.pathname === healthPath) {
        payload.endResponse(fetchAPI.Response.json({ status: 'ok' }));
      } else if (url.pathname === readinessPath) {
        const readiness = await checkReadiness(options.subgraphs, options.probeTimeoutMs);
        const body = { status: readiness.ready ? 'ready' : 'not ready', subgraphs: readiness.subgraphs };
        payload.endResponse(fetchAPI.Response.json(body, { status: readiness.ready ? 200 : 503 }));
      }
    },
  };
}
