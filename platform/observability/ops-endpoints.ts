import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProcessMetrics } from './process-metrics.js';
import type { Readiness } from './readiness.js';

export const METRICS_PATH = '/metrics';
export const HEALTH_PATH = '/healthz';
export const READINESS_PATH = '/readyz';

export interface OpsEndpoints {
  metrics: ProcessMetrics;
  readiness: Readiness;
}

/** The `/readyz` body and status: 200 ready, 503 not ready (with each dependency's reason) or draining. */
export async function readinessAnswer(readiness: Readiness): Promise<{ status: number; body: object }> {
  const report = await readiness.report();
  const status = report.draining ? 'draining' : report.ready ? 'ready' : 'not ready';
  return { status: report.ready ? 200 : 503, body: { status, dependencies: report.dependencies } };
}

/**
 * Answers `/metrics`, `/healthz` and `/readyz` on a node:http server; returns false for any other path
 * (the caller handles it). The answers are never cached by intermediaries.
 */
export function handleOpsRequest(req: IncomingMessage, res: ServerResponse, ops: OpsEndpoints): boolean {
  const path = (req.url ?? '/').split('?')[0];
  const json = (status: number, body: object) =>
    res
      .writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      .end(JSON.stringify(body));
  const failed = () => {
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
    res.end('scrape failed');
  };
  if (path === HEALTH_PATH) {
    json(200, { status: 'ok' });
    return true;
  }
  if (path === READINESS_PATH) {
    readinessAnswer(ops.readiness).then(({ status, body }) => json(status, body), failed);
    return true;
  }
  if (path === METRICS_PATH) {
    ops.metrics.scrape().then(({ contentType, body }) => {
      res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body);
    }, failed);
    return true;
  }
  return false;
}
