/**
 * One gateway under test, alone in this process, over subgraphs running elsewhere. BENCH_GATEWAY picks
 * it: `hive` (ours: Hive gateway runtime with the Rust query planner, API-key auth, signed identity),
 * `hive-no-dedup` (the same with in-flight de-duplication off) or `apollo` (@apollo/gateway on
 * @apollo/server, given the supergraph without its SECURITY links, see apollo-supergraph.ts: it cannot
 * verify our keys nor enforce scopes, and sends one signed identity with every subgraph request, so it
 * does strictly less work than ours).
 *
 * BENCH_REDIS_URL with BENCH_CACHE_NAMESPACE turns our response cache on (keys under the namespace,
 * no event stream: entries live their whole TTL).
 */
import { DEMO_API_KEYS, INTERNAL_DEMO_SCOPES } from '../../gateway/auth/demo-api-keys.js';
import { InMemoryApiKeyStore } from '../../gateway/auth/api-keys.js';
import { startGateway } from '../../gateway/server.js';
import { signIdentity } from '../../platform/auth/identity-token.js';
import { createLogger } from '../../platform/logger.js';
import { connectRedis } from '../../platform/redis.js';
import { composeGraph } from '../../schema/tools/compose-graph.js';
import { subgraphEntries, type SubgraphName } from '../../subgraphs/index.js';
import { withoutSecurityLinks } from './apollo-supergraph.js';

interface Input {
  urls: Partial<Record<SubgraphName, string>>;
  identitySecret: string;
}

const input = JSON.parse(process.env.BENCH_INPUT ?? '{}') as Input;
const kind = process.env.BENCH_GATEWAY ?? 'hive';
const redisUrl = process.env.BENCH_REDIS_URL;
const namespace = process.env.BENCH_CACHE_NAMESPACE;
const { supergraphSdl } = composeGraph(subgraphEntries(input.urls));
const logger = createLogger({ name: `bench-${kind}`, level: 'warn' });

if (kind === 'apollo') {
  // Unless told not to, @apollo/gateway exports usage metrics to Apollo's OTLP endpoint and probes the
  // AWS, GCP, Azure and Alibaba metadata addresses (169.254.169.254…) for resource attributes: traffic
  // off this machine, which a benchmark must never send, and CPU that is not the gateway's work.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  // Loaded only here, so that our gateway's process carries none of Apollo's modules.
  const { ApolloGateway, RemoteGraphQLDataSource } = await import('@apollo/gateway');
  const { ApolloServer } = await import('@apollo/server');
  const { startStandaloneServer } = await import('@apollo/server/standalone');
  // The internal demo key's principal, the one our gateway gets from the key.
  const token = await signIdentity(
    { kind: 'internal', id: 'bench', name: 'Benchmark', scopes: [...INTERNAL_DEMO_SCOPES] },
    input.identitySecret,
    3600,
  );
  const gateway = new ApolloGateway({
    supergraphSdl: withoutSecurityLinks(supergraphSdl),
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource({
        url,
        willSendRequest: ({ request }) => {
          request.http?.headers.set('x-dg-identity', token);
        },
      }),
  });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  process.send?.({ url });
  process.on('disconnect', () => void server.stop().then(() => process.exit(0)));
} else {
  const redis = redisUrl && namespace ? await connectRedis({ url: redisUrl, logger }) : null;
  const gateway = await startGateway({
    port: 0,
    supergraphSdl,
    identitySecret: input.identitySecret,
    apiKeys: new InMemoryApiKeyStore(DEMO_API_KEYS({ internal: true, partners: [] })),
    logger,
    deduplicateInflightRequests: kind !== 'hive-no-dedup',
    responseCache: redis ? { redis, namespace, eventStream: null } : false,
  });
  process.send?.({ url: gateway.url });
  process.on(
    'disconnect',
    () =>
      void gateway
        .close()
        .then(() => redis?.destroy())
        .then(() => process.exit(0)),
  );
}
