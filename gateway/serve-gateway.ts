import { getGraphQLWSOptions, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import type { FormattedExecutionResult } from 'graphql';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { refuseRequest, type RequestGuardOptions } from './request-guard.js';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { WebSocketServer } from 'ws';
import type { Logger } from '../platform/logger.js';
import { countingSubscriptions } from '../platform/observability/subscription-count.js';
import type { DgContext } from './gateway-context.js';

export const GRAPHQL_PATH = '/graphql';
export const GRAPHIQL_PATH = '/graphiql';
/** How long close() lets in-flight HTTP requests finish before cutting their connections. */
const DRAIN_MS = 5000;

export interface ServedGateway {
  httpServer: Server;
  close(): Promise<void>;
}

/** `extensions.http` sets an HTTP status; over graphql-ws there is none, so it must not leak out. */
function withoutHttpStatus(result: FormattedExecutionResult): FormattedExecutionResult {
  if (!result.errors?.some((error) => error.extensions?.http)) return result;
  const errors = result.errors.map(({ extensions, ...error }) => {
    if (!extensions?.http) return { ...error, extensions };
    const { http: _http, ...rest } = extensions;
    return { ...error, extensions: rest };
  });
  return { ...result, errors };
}

function fetchRequestFor(runtime: GatewayRuntime<DgContext>, req: IncomingMessage): Request {
  const headers = new runtime.fetchAPI.Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  return new runtime.fetchAPI.Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
    headers,
  });
}

/**
 * Serves the runtime on node:http, graphql-ws on the same path; close() stops accepting, closes the
 * WebSockets, drains HTTP, then disposes the runtime (and with it the subgraph connections).
 */
export async function serveGateway(
  runtime: GatewayRuntime<DgContext>,
  options: {
    port: number;
    host: string;
    logger: Logger;
    requestGuard?: RequestGuardOptions;
    /** Told when a graphql-ws subscription starts and ends (dg_subscriptions_open). Default: nobody. */
    subscriptions?: { inc(): void; dec(): void };
  },
): Promise<ServedGateway> {
  const httpServer = createServer((req, res) => {
    const refusal = refuseRequest(req, options.requestGuard);
    if (refusal) {
      res.writeHead(refusal.status, { 'content-type': 'application/json', connection: 'close' });
      res.end(
        JSON.stringify({ errors: [{ message: refusal.message, extensions: { code: 'REQUEST_REFUSED' } }] }),
      );
      return;
    }
    // Yoga renders GraphiQL only at the GraphQL path: route /graphiql there, marked for its options factory.
    if (req.url?.split('?')[0] === GRAPHIQL_PATH) req.url = `${GRAPHQL_PATH}?graphiql`;
    Promise.resolve(runtime.requestListener(req, res)).catch((error: unknown) => {
      options.logger.error({ err: error }, 'request handling failed');
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const wsServer = new WebSocketServer({ server: httpServer, path: GRAPHQL_PATH });
  const wsOptions = getGraphQLWSOptions<DgContext, Extra>(runtime, (ctx) => ({
    req: ctx.extra.request,
    socket: ctx.extra.socket,
    request: fetchRequestFor(runtime, ctx.extra.request),
  }));
  const served: typeof wsOptions = {
    ...wsOptions,
    onNext: (_ctx, _id, _payload, _args, result) => withoutHttpStatus(result),
  };
  const wsDisposable = useServer(
    options.subscriptions ? countingSubscriptions<Extra>(served, options.subscriptions) : served,
    wsServer,
  );
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  let closing: Promise<void> | undefined;
  const close = async () => {
    const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
    await wsDisposable.dispose();
    await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    httpServer.closeIdleConnections();
    const fuse = setTimeout(() => httpServer.closeAllConnections(), DRAIN_MS);
    await stopped;
    clearTimeout(fuse);
    await runtime.dispose();
  };
  return { httpServer, close: () => (closing ??= close()) };
}
