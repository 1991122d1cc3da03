import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { VerifiedIdentities } from '../auth/verified-identities.js';
import { callBudgetPlugin } from '../cache/call-budget-plugin.js';
import { emptyCallBudget, withCallBudget } from '../cache/call-budget.js';
import {
  CORRELATION_HEADER,
  currentCorrelationId,
  newCorrelationId,
  withCorrelationId,
} from '../correlation.js';
import type { Logger } from '../logger.js';
import { graphqlMetricsPlugin } from '../observability/apollo-metrics-plugin.js';
import { drainDelayMs } from '../observability/drain-delay.js';
import { handleOpsRequest } from '../observability/ops-endpoints.js';
import { processMetrics, type ProcessMetrics } from '../observability/process-metrics.js';
import { Readiness, type DependencyCheck } from '../observability/readiness.js';
import { inServerSpan } from '../observability/spans.js';
import { flushTracing, startTracingFromEnv } from '../observability/start-tracing.js';
import { countingSubscriptions } from '../observability/subscription-count.js';
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
  /** What `/readyz` checks (Redis, Odoo, the WMS, the carrier: what the subgraph uses). Default none. */
  readiness?: readonly DependencyCheck[];
  /** Default: this process's metrics (`/metrics`). */
  metrics?: ProcessMetrics;
  /** How long close() keeps serving after `/readyz` turned 503. Default DRAIN_DELAY_MS, else 0. */
  drainDelayMs?: number;
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

/**
 * Serves a federated subgraph: GraphQL over HTTP and graphql-ws on one path, `/healthz`, `/readyz` and
 * `/metrics` beside it. close() turns `/readyz` 503, waits the drain delay, then closes the subscriptions
 * and lets requests in flight finish.
 */
/** How long a subgraph keeps an idle connection open (longer than any gateway keeps one idle). */
export const SUBGRAPH_KEEP_ALIVE_MS = 65_000;

export async function startSubgraphServer<C extends SubgraphContext>(
  options: SubgraphServerOptions<C>,
): Promise<RunningSubgraph> {
  const { schema, logger, identitySecret } = options;
  startTracingFromEnv(options.name);
  const metrics = options.metrics ?? processMetrics();
  const readiness = new Readiness({ checks: options.readiness ?? [] });
  const service = { service: options.name };
  // A gateway may keep idle connections to its subgraphs open longer than Node's 5 s (@apollo/gateway's
  // agent has no idle limit at all): a server that closes one just as the gateway reuses it fails that
  // request with "socket hang up". A minute of keep-alive makes that rare for gateways that idle long
  // and leaves the closing to those that idle less (ours: undici, 4 s).
  const httpServer = createServer({ keepAliveTimeout: SUBGRAPH_KEEP_ALIVE_MS });
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const formatError = createFormatError(logger);
  const identities = new VerifiedIdentities(identitySecret);
  const contextFor = async (token: string | undefined, correlation: unknown): Promise<C> => {
    const correlationId = correlationIdFrom(correlation);
    const principal = await verifyCaller(token, identities);
    return options.createContext({ principal, correlationId, logger: logger.child({ correlationId }) });
  };
  const wsCleanup = useServer(
    countingSubscriptions<Extra>(
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
      {
        inc: () => metrics.subscriptionsOpen.inc(service),
        dec: () => metrics.subscriptionsOpen.dec(service),
      },
    ),
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
      // Apollo's trace format and reports are for GraphOS, which we do not use (not even with APOLLO_KEY
      // set); tracing comes with OpenTelemetry.
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      // No schema has cache hints, and the gateway's response cache keeps TTLs of its own per type
      // (gateway/plugins/useResponseCacheTtls.ts): Apollo's cache-control plugin only wrapped every
      // resolver to work out `no-store`, which handleGraphQLRequest now sends itself.
      ApolloServerPluginCacheControlDisabled(),
      fieldAuthorizationPlugin<C>(schema, formatError),
      graphqlMetricsPlugin<C>(metrics.graphql, options.name),
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
  // The request runs under its correlation id (below), so the context and every connector call share it.
  const context = (req: IncomingMessage) =>
    contextFor(identityTokenFrom(req.headers), currentCorrelationId() ?? req.headers[CORRELATION_HEADER]);
  const ops = { metrics, readiness };
  const requestFailed = (res: ServerResponse) => (error: unknown) => {
    logger.error({ err: error }, 'request failed');
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
    res.end('{"errors":[{"message":"Unexpected error.","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}');
  };
  httpServer.on('request', (req, res) => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    if ((query < 0 ? url : url.slice(0, query)) !== '/graphql') {
      if (handleOpsRequest(req, res, ops)) return;
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    const method = req.method ?? 'POST';
    const attributes = { 'dg.service': options.name, 'http.request.method': method };
    const correlationId = correlationIdFrom(req.headers[CORRELATION_HEADER]);
    inServerSpan(`${method} /graphql`, req.headers, attributes, () =>
      withCorrelationId(correlationId, () =>
        withCallBudget(emptyCallBudget(), () => handleGraphQLRequest(apollo, req, res, context)),
      ),
    ).catch(requestFailed(res));
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
    close: async () => {
      readiness.drain();
      const delay = options.drainDelayMs ?? drainDelayMs();
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      await apollo.stop();
      await flushTracing();
    },
  };
}
