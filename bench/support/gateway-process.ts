/**
 * One gateway under test, alone in this process, over subgraphs running elsewhere. BENCH_GATEWAY picks
 * it: `hive` (ours: Hive gateway runtime with the Rust query planner, API-key auth, signed identity) or
 * `apollo` (@apollo/gateway on @apollo/server, which cannot verify our keys: it sends one signed identity
 * with every subgraph request, so it does strictly less work than ours).
 */
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { DEMO_API_KEYS } from '../../gateway/auth/demo-api-keys.js';
import { InMemoryApiKeyStore } from '../../gateway/auth/api-keys.js';
import { startGateway } from '../../gateway/server.js';
import { signIdentity } from '../../platform/auth/identity-token.js';
import { createLogger } from '../../platform/logger.js';
import { composeGraph } from '../../schema/tools/compose-graph.js';
import { subgraphEntries } from '../../subgraphs/index.js';

interface Input {
  urls: { inventory: string; orders: string; invoicing: string };
  identitySecret: string;
}

const input = JSON.parse(process.env.BENCH_INPUT ?? '{}') as Input;
const kind = process.env.BENCH_GATEWAY ?? 'hive';
const { supergraphSdl } = composeGraph(subgraphEntries(input.urls));
const logger = createLogger({ name: `bench-${kind}`, level: 'warn' });

if (kind === 'apollo') {
  const token = await signIdentity(
    {
      kind: 'internal',
      id: 'bench',
      name: 'Benchmark',
      scopes: ['orders:read', 'invoices:read', 'catalog:read', 'stock:read'],
    },
    input.identitySecret,
    3600,
  );
  const gateway = new ApolloGateway({
    supergraphSdl,
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
  const gateway = await startGateway({
    port: 0,
    supergraphSdl,
    identitySecret: input.identitySecret,
    apiKeys: new InMemoryApiKeyStore(DEMO_API_KEYS({ internal: true, partners: [] })),
    logger,
    deduplicateInflightRequests: kind !== 'hive-no-dedup',
  });
  process.send?.({ url: gateway.url });
  process.on('disconnect', () => void gateway.close().then(() => process.exit(0)));
}
