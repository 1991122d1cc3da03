import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';
import { handleOpsRequest } from './ops-endpoints.js';
import { processMetrics, type ProcessMetrics } from './process-metrics.js';
import { Readiness, type DependencyCheck } from './readiness.js';

export interface OpsServerOptions {
  /** What `/readyz` checks (Redis, the connected systems the worker calls). */
  checks: readonly DependencyCheck[];
  logger: Logger;
  /** Default: this process's metrics. */
  metrics?: ProcessMetrics;
  /** Default 0 (a free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface RunningOpsServer {
  /** `http://host:port`: `/metrics`, `/healthz`, `/readyz`. */
  url: string;
  readiness: Readiness;
  /** Turns `/readyz` 503 and stops listening. */
  close(): Promise<void>;
}

/**
 * `/metrics`, `/healthz` and `/readyz` for a process without an HTTP server of its own (the
 * orchestration worker): start it beside the worker, track its counts on the metrics, close it last.
 */
export async function startOpsServer(options: OpsServerOptions): Promise<RunningOpsServer> {
  const metrics = options.metrics ?? processMetrics();
  const readiness = new Readiness({ checks: options.checks });
  const server = createServer((req, res) => {
    if (!handleOpsRequest(req, res, { metrics, readiness }))
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  options.logger.info({ port }, 'metrics and health listening');
  return {
    url: `http://${host}:${port}`,
    readiness,
    close: async () => {
      readiness.drain();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}
