/**
 * Two tiny Federation 2 subgraphs for the gateway tests, on real servers on port 0: `catalog` (products,
 * errors, subscriptions over graphql-ws, one endless) and `stock` (extends Product with onHand). Each
 * records what reached it, so tests can assert on the headers and connection params the gateway sent.
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { assertCompositionSuccess, composeServices } from '@theguild/federation-composition';
import { GraphQLError, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { handleGraphQLRequest } from '../../../platform/graphql/http-graphql-handler.js';

export interface TestSubgraph {
  name: string;
  url: string;
  typeDefs: DocumentNode;
  /** Headers of every HTTP request received, oldest first. */
  httpHeaders: IncomingHttpHeaders[];
  /** connectionParams of every graphql-ws connection received. */
  wsParams: Record<string, unknown>[];
  close(): Promise<void>;
}

const catalogTypeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Product @key(fields: "sku") { sku: String! name: String! }
  type Query { products: [Product!]! notFound: String boom: String }
  type Mutation { rename(sku: String!, name: String!): Product! }
  type Subscription { productChanged: Product! ticks: Int! }
`);

const stockTypeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Product @key(fields: "sku") { sku: String! onHand: Int! }
  type Query { warehouseCount: Int! }
`);

const names: Record<string, string> = { 'SKU-1': 'Olive oil 5 l', 'SKU-2': 'Basmati rice 10 kg' };

const catalogSchema = buildSubgraphSchema({
  typeDefs: catalogTypeDefs,
  resolvers: {
    Query: {
      products: () => Object.entries(names).map(([sku, name]) => ({ sku, name })),
      notFound: () => {
        throw new GraphQLError('No such product.', { extensions: { code: 'NOT_FOUND' } });
      },
      boom: () => {
        throw new Error('db password is hunter2');
      },
    },
    Mutation: {
      rename: (_: unknown, args: { sku: string; name: string }) => ({ sku: args.sku, name: args.name }),
    },
    Subscription: {
      productChanged: {
        subscribe: async function* () {
          for (const sku of ['SKU-1', 'SKU-2'])
            yield await Promise.resolve({ productChanged: { sku, name: names[sku] } });
        },
      },
      /** 1, 2, 3... every 50 ms until the subscriber leaves: for tests of subscriptions being ended. */
      ticks: {
        subscribe: async function* () {
          for (let tick = 1; ; tick += 1) {
            yield { ticks: tick };
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        },
      },
    },
    Product: { __resolveReference: (ref: { sku: string }) => ({ sku: ref.sku, name: names[ref.sku] }) },
  },
});

const stockSchema = buildSubgraphSchema({
  typeDefs: stockTypeDefs,
  resolvers: {
    Query: { warehouseCount: () => 2 },
    Product: {
      __resolveReference: (ref: { sku: string }) => ({ sku: ref.sku, onHand: ref.sku === 'SKU-1' ? 12 : 0 }),
    },
  },
});

async function serve(name: string, schema: GraphQLSchema, typeDefs: DocumentNode): Promise<TestSubgraph> {
  const httpHeaders: IncomingHttpHeaders[] = [];
  const wsParams: Record<string, unknown>[] = [];
  const httpServer = createServer();
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const ws = useServer(
    { schema, onConnect: (ctx) => void wsParams.push(ctx.connectionParams ?? {}) },
    wsServer,
  );
  const apollo = new ApolloServer({ schema, plugins: [ApolloServerPluginInlineTraceDisabled()] });
  await apollo.start();
  httpServer.on('request', (req, res) => {
    httpHeaders.push(req.headers);
    void handleGraphQLRequest(apollo, req, res, () => Promise.resolve({}));
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    name,
    url: `http://127.0.0.1:${port}/graphql`,
    typeDefs,
    httpHeaders,
    wsParams,
    close: async () => {
      if (!httpServer.listening) return;
      await ws.dispose();
      await apollo.stop();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

export function startCatalogSubgraph(): Promise<TestSubgraph> {
  return serve('catalog', catalogSchema, catalogTypeDefs);
}

export function startStockSubgraph(): Promise<TestSubgraph> {
  return serve('stock', stockSchema, stockTypeDefs);
}

/** The supergraph SDL of `subgraphs`, composed as scripts/compose does. */
export function composeSupergraph(subgraphs: readonly TestSubgraph[]): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, typeDefs: s.typeDefs, url: s.url })));
  assertCompositionSuccess(result);
  return result.supergraphSdl;
}
