import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { createLogger, type Logger } from '../platform/logger.js';
import { redisCheck } from '../platform/observability/dependency-checks.js';
import { drainDelayMs } from '../platform/observability/drain-delay.js';
import { processMetrics, type ProcessMetrics } from '../platform/observability/process-metrics.js';
import { Readiness } from '../platform/observability/readiness.js';
import { flushTracing, startTracingFromEnv } from '../platform/observability/start-tracing.js';
import type { ApiKeyStore } from './auth/api-keys.js';
import type { JwtVerifier } from './auth/jwt-verifier.js';
import { RequestAuthenticator } from './auth/request-authenticator.js';
import { assertNoDemoKeys } from './auth/demo-api-keys.js';
import { corsPolicy } from './cors-policy.js';
import type { DgContext } from './gateway-context.js';
import { hiveLoggerFor } from './hive-logger.js';
import { SANDBOX_ORIGIN } from './landing-page.js';
import { createMaskError } from './mask-error.js';
import { useApiKeyAuth } from './plugins/useApiKeyAuth.js';
import { useCorrelationId } from './plugins/useCorrelationId.js';
import { useCredentialExpiry } from './plugins/useCredentialExpiry.js';
import { useFieldAuthorization } from './plugins/useFieldAuthorization.js';
import { useHealthEndpoints } from './plugins/useHealthEndpoints.js';
import { useIdentityPropagation } from './plugins/useIdentityPropagation.js';
import { useLandingPage } from './plugins/useLandingPage.js';
import { useMetrics } from './plugins/useMetrics.js';
import {
  operationCostsUnder,
  useOperationLimits,
  type OperationLimitsOptions,
} from './plugins/useOperationLimits.js';
import { useOperationsPage, type OperationsPageOptions } from './plugins/useOperationsPage.js';
import type { GraphAnswer } from './plugins/useOperationsPageSummary.js';
import { useCallBudget } from './plugins/useCallBudget.js';
import { useRequestLog } from './plugins/useRequestLog.js';
import { useTracing } from './plugins/useTracing.js';
import { openResponseCache, type ResponseCacheSettings } from './plugins/useResponseCacheSetup.js';
import { subgraphsOf } from './readiness.js';
import { securityPlugins, type SecurityOptions } from './security-plugins.js';
import { GRAPHIQL_PATH, GRAPHQL_PATH, serveGateway } from './serve-gateway.js';
import { createSubgraphFetch } from './subgraph-fetch.js';
import { subgraphTransportEntries } from './transport-entries.js';

export interface StartGatewayOptions {
  /** Default 4000; 0 = any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Supergraph SDL file; default `schema/supergraph.graphql`. Ignored when `supergraphSdl` is given. */
  supergraphPath?: string;
  supergraphSdl?: string;
  /** Signs `x-dg-identity` for the subgraphs; at least 32 characters. */
  identitySecret: string;
  apiKeys: ApiKeyStore;
  /** Let callers without credentials in as anonymous. Default false; refused in production. */
  allowAnonymous?: boolean;
  /** Cross-origin browser callers allowed besides the gateway's own origin and Sandbox. Default none. */
  corsOrigins?: string[];
  /** Default: a `gateway` platform logger. */
  logger?: Logger;
  /** Default `demo`. `production` refuses demo keys and anonymous access. */
  mode?: 'demo' | 'production';
  /** Share one subgraph fetch among identical in-flight queries (same caller identity). Default true. */
  deduplicateInflightRequests?: boolean;
  /** OIDC bearer tokens; default none (API keys only). */
  jwt?: JwtVerifier;
  /** How often a graphql-ws connection re-checks its API key (a JWT ends at its expiry). Default 30 s. */
  credentialRecheckMs?: number;
  /** Largest POST body accepted, in bytes. Default 100 kB. */
  maxBodyBytes?: number;
  /** Size limits of operations (depth, aliases, tokens, cost...); defaults in useOperationLimits.ts. */
  limits?: OperationLimitsOptions;
  /** Headers Apollo Sandbox starts with (e.g. the demo key). Default none. */
  sandboxHeaders?: Record<string, string>;
  /** Rate limits (Redis), audit, persisted documents; defaults in gateway/security-plugins.ts. */
  security?: SecurityOptions;
  /** The response cache in Redis, invalidated by the event stream. Default (or false): none. */
  responseCache?: ResponseCacheSettings | false;
  /** Default: this process's metrics (`/metrics`). */
  metrics?: ProcessMetrics;
  /** How long close() keeps serving after `/readyz` turned 503. Default DRAIN_DELAY_MS, else 0. */
  drainDelayMs?: number;
  /** The operations page's session life and chart interval; defaults in useOperationsPage.ts. */
  operationsPage?: Pick<OperationsPageOptions, 'sessionTtlMs' | 'historyIntervalMs'>;
}

export interface RunningGateway {
  /** `http://host:port/graphql`: GraphQL over HTTP and graphql-ws. */
  url: string;
  port: number;
  close(): Promise<void>;
}

async function refuseUnsafeProduction(options: StartGatewayOptions): Promise<void> {
  if ((options.mode ?? 'demo') !== 'production') return;
  if (options.allowAnonymous) throw new Error('DG_MODE=production refuses ALLOW_ANONYMOUS');
  assertNoDemoKeys(await options.apiKeys.prefixes());
}

/** Starts the federation gateway over the supergraph, on node:http, with graphql-ws on the same path. */
export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  if (options.identitySecret.length < 32) throw new Error('identitySecret must be at least 32 characters');
  await refuseUnsafeProduction(options);
  const logger = options.logger ?? createLogger({ name: 'gateway' });
  startTracingFromEnv('gateway');
  const metrics = options.metrics ?? processMetrics();
  const redis = options.security?.redis;
  const readiness = new Readiness({ checks: redis ? [redisCheck(redis)] : [] });
  const supergraph =
    options.supergraphSdl ?? (await readFile(options.supergraphPath ?? 'schema/supergraph.graphql', 'utf8'));
  const subgraphs = subgraphsOf(supergraph);
  const authenticator = new RequestAuthenticator({
    store: options.apiKeys,
    allowAnonymous: options.allowAnonymous,
    jwt: options.jwt,
    logger,
  });
  const costs = operationCostsUnder(options.limits);
  const security = securityPlugins(options.security, {
    costs,
    authenticator,
    mode: options.mode ?? 'demo',
    logger,
    supergraphSdl: supergraph,
  });
  const responseCache = options.responseCache ? await openResponseCache(options.responseCache, logger) : null;
  const subgraphFetch = createSubgraphFetch();
  const runtime = createGatewayRuntime<DgContext>({
    supergraph,
    fetchAPI: { fetch: subgraphFetch.fetch },
    unifiedGraphHandler,
    transportEntries: subgraphTransportEntries({
      deduplicateInflightRequests: options.deduplicateInflightRequests,
    }),
    logging: hiveLoggerFor(logger),
    graphqlEndpoint: GRAPHQL_PATH,
    // Our own landing page (Sandbox) instead of Hive's; GraphiQL only where serveGateway routes /graphiql.
    landingPage: false,
    graphiql: (request) =>
      new URL(request.url).searchParams.has('graphiql') && {
        endpoint: GRAPHQL_PATH,
        title: 'Distribution Graph',
        // The same starting headers as Sandbox (the demo key in demo mode), so introspection works at once.
        ...(options.sandboxHeaders ? { headers: JSON.stringify(options.sandboxHeaders) } : {}),
        defaultQuery:
          '# Try: the warehouses and the first products with their stock\n{\n  warehouses { code name }\n  products(first: 3) { edges { node { sku name stock { warehouse { code } available { value unit } } } } }\n}\n',
      },
    // GraphiQL's assets bundled in the package, so the fallback works with no internet at all.
    renderGraphiQL,
    cors: corsPolicy({ allowedOrigins: [...(options.corsOrigins ?? []), SANDBOX_ORIGIN] }),
    maskedErrors: { maskError: createMaskError(logger) },
    // useCorrelationId does this job, with a sanity check on the client's value and on graphql-ws too.
    requestId: false,
    // Keep Hive's code for upstream failures (masked anyway); do not reveal subgraph names to callers.
    subgraphErrors: { subgraphNameProp: false },
    plugins: () => [
      useTracing({ graphqlPath: GRAPHQL_PATH }),
      useCorrelationId(),
      useRequestLog({ logger }),
      useHealthEndpoints({ subgraphs, readiness }),
      useMetrics({ metrics, subgraphs }),
      useLandingPage({
        graphqlPath: GRAPHQL_PATH,
        graphiqlPath: GRAPHIQL_PATH,
        headers: options.sandboxHeaders,
      }),
      // Before the operations page: its sign-in is throttled like any other wrong credential.
      ...security.beforeAuthentication,
      // `/ops`: its GraphQL comes back through this runtime with the operator's key, every check applied.
      useOperationsPage({
        authenticator,
        secret: options.identitySecret,
        registry: metrics.registry,
        mode: options.mode ?? 'demo',
        ...options.operationsPage,
        execute: async (query, key): Promise<GraphAnswer> => {
          const response: Response = await runtime.fetch(`http://gateway.internal${GRAPHQL_PATH}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
            body: JSON.stringify({ query }),
          });
          return (await response.json()) as GraphAnswer;
        },
      }),
      useApiKeyAuth(authenticator),
      useCredentialExpiry({
        store: options.apiKeys,
        jwt: options.jwt,
        recheckMs: options.credentialRecheckMs,
        logger,
      }),
      ...useOperationLimits(options.limits, costs),
      useFieldAuthorization({ supergraphSdl: supergraph, logger }),
      ...security.afterAuthorization,
      useIdentityPropagation({ secret: options.identitySecret }),
      // Last: a cached answer has passed every check above; the budget is reported on it too.
      ...(responseCache?.plugins ?? []),
      useCallBudget(),
    ],
  });
  // Load and plan the supergraph now: it fails fast on a bad file, and graphql-ws operations (which skip
  // the HTTP hooks that load it lazily) would otherwise meet a gateway without a schema.
  try {
    await runtime.getSchema();
  } catch (error) {
    await responseCache?.close();
    throw error;
  }
  const server = await serveGateway(runtime, {
    port: options.port ?? 4000,
    host: options.host ?? '127.0.0.1',
    logger,
    requestGuard: { maxBodyBytes: options.maxBodyBytes },
    subscriptions: {
      inc: () => metrics.subscriptionsOpen.inc({ service: 'gateway' }),
      dec: () => metrics.subscriptionsOpen.dec({ service: 'gateway' }),
    },
  });
  const { port, address } = server.httpServer.address() as AddressInfo;
  const url = `http://${address}:${port}${GRAPHQL_PATH}`;
  logger.info(
    { url, subgraphs: subgraphs.map((s) => s.name), mode: options.mode ?? 'demo' },
    'gateway listening',
  );
  return {
    url,
    port,
    // Shutdown: /readyz turns 503 at once, the gateway keeps serving for the drain delay, then closes.
    close: async () => {
      readiness.drain();
      const delay = options.drainDelayMs ?? drainDelayMs();
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      await server.close();
      await responseCache?.close();
      await subgraphFetch.close();
      await flushTracing();
    },
  };
}
