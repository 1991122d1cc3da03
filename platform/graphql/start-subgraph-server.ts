import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { callBudgetPlugin } from '../cache/call-budget-plugin.js';
import { emptyCallBudget, withCallBudget } from '../cache/call-budget.js';
import { CORRELATION_HEADER, newCorrelationId } from '../correlation.js';
import type { Logger } from '../logger.js';
import { authorizedExecution, fieldAuthorizationPlugin } from './field-authorization-plugin.js';
import { createFormatError } from './format-error.js';
import { handleGraphQLRequest } from './http-graphql-handler.js';
import type { SubgraphContext } from './subgraph-context.js';
import { identityTokenFrom, verifyCaller } from './verify-caller.js';

export interface SubgraphServerOptions<C extends SubgraphContext> {
  /** The subgraph's name, in logs. */
  name: string;
  schema: GraphQLSchema;
  /** Default 0 (a free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  logger: Logger;
  /** Secret shared with the gateway to verify `x-dg-identity`. */
  identitySecret: string;
  /** Builds one request's context (connectors, loaders) over the verified caller. */
  createContext(base: SubgraphContext): C;
}

export interface RunningSubgraph {
  name: string;
  /** `http://host:port/graphql`, for queries (HTTP) and subscriptions (graphql-ws, same path). */
  url: string;
  port: number;
  close(): Promise<void>;
}

const CORRELATION_ID = /^[A-Za-z0-9._-]{1,128}$/;

function correlationIdFrom(value: unknown): string {
  return typeof value === 'string' && CORRELATION_ID.test(value) ? value : newCorrelationId();
}

/** Serves a federated subgraph: GraphQL over HTTP and graphql-ws on one path, `/healthz` beside it. */
export async function startSubgraphServer<C extends SubgraphContext>(
  options: SubgraphServerOptions<C>,
): Promise<RunningSubgraph> {
  const { schema, logger, identitySecret } = options;
  const httpServer = createServer();
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const formatError = createFormatError(logger);
  const contextFor = async (token: string | undefined, correlation: unknown): Promise<C> => {
    const correlationId = correlationIdFrom(correlation);
    const principal = await verifyCaller(token, identitySecret);
    return options.createContext({ principal, correlationId, logger: logger.child({ correlationId }) });
  };
  const wsCleanup = useServer(
    {
      schema,
      ...authorizedExecution(schema),
      context: (ctx) => {
        const params = ctx.connectionParams;
        const upgrade = ctx.extra.request.headers;
        return contextFor(
          identityTokenFrom(params) ?? identityTokenFrom(upgrade),
          params?.[CORRELATION_HEADER] ?? upgrade[CORRELATION_HEADER],
        );
      },
    },
    wsServer,
  );
  const apollo = new ApolloServer<C>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    // The process owner stops us (runUntilSignal, the embedded stack): Apollo's own SIGINT handler would
    // stop the server a second time, concurrently, and re-raise the signal.
    stopOnTerminationSignals: false,
    plugins: [
      // Idle keep-alive connections (the gateway's pool) are closed at once; busy ones get 2 s to finish.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 2000 }),
      ApolloServerPluginLandingPageDisabled(),
      // Apollo's trace format is for GraphOS, which we do not use; tracing comes with OpenTelemetry.
      ApolloServerPluginInlineTraceDisabled(),
      fieldAuthorizationPlugin<C>(schema, formatError),
      // What each request cost behind this subgraph (Odoo, WMS, carrier calls; cache hits), for internal callers.
      callBudgetPlugin<C>(),
      {
        // eslint-disable-next-line @typescript-eslint/require-await -- Apollo's hook is async by contract
        serverWillStart: async () => ({
          drainServer: async () => {
            await wsCleanup.dispose();
          },
        }),
      },
    ],
  });
  await apollo.start();
  const context = (req: IncomingMessage) =>
    contextFor(identityTokenFrom(req.headers), req.headers[CORRELATION_HEADER]);
  httpServer.on('request', (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (path !== '/graphql') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    withCallBudget(emptyCallBudget(), () => handleGraphQLRequest(apollo, req, res, context)).catch(
      (error: unknown) => {
        logger.error({ err: error }, 'request failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"errors":[{"message":"Unexpected error.","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}');
      },
    );
  });
  await new Promise<void>((resolve) =>
    httpServer.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { port, address } = httpServer.address() as AddressInfo;
  logger.info({ subgraph: options.name, port }, 'subgraph listening');
  return {
    name: options.name,
    url: `http://${address}:${port}/graphql`,
    port,
    close: () => apollo.stop(),
  };
}
