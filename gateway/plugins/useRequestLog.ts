import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { Logger } from '../../platform/logger.js';

export interface RequestLogOptions {
  /** Where the line goes; the platform logger adds the current correlation id. Required. */
  logger: Logger;
  /** Paths not logged (probes would drown the rest). Default: `/healthz`, `/readyz`. */
  quietPaths?: readonly string[];
}

/** One structured line per HTTP request: method, path, status and duration. */
export function useRequestLog(options: RequestLogOptions): GatewayPlugin {
  const quiet = new Set(options.quietPaths ?? ['/healthz', '/readyz']);
  const started = new WeakMap<Request, number>();
  return {
    onRequest({ request }) {
      started.set(request, performance.now());
    },
    onResponse({ request, response }) {
      const path = new URL(request.url).pathname;
      const start = started.get(request);
      if (quiet.has(path) || start === undefined) return;
      const durationMs = Math.round(performance.now() - start);
      options.logger.info({ method: request.method, path, status: response.status, durationMs }, 'request');
    },
  };
}
