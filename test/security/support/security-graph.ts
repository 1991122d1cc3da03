/**
 * A gateway over one tiny subgraph for the limits, rate-limit and audit suites: products with a page
 * size, a `@requiresScopes` field partners may read, a mutation, and fields failing the way a connector
 * does (with an internal message, upstream code and stack). Callers are fixed principals behind fixed
 * keys; the subgraph counts what reaches it.
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { assertCompositionSuccess, composeServices } from '@theguild/federation-composition';
import { GraphQLError, parse } from 'graphql';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiKeyStore } from '../../../platform/auth/api-key-store.js';
import type { Principal } from '../../../platform/auth/principal.js';
import { startGateway, type RunningGateway, type StartGatewayOptions } from '../../../gateway/server.js';
import { handleGraphQLRequest } from '../../../platform/graphql/http-graphql-handler.js';
import { createLogger } from '../../../platform/logger.js';
import { TEST_IDENTITY_SECRET } from '../../support/graphql.js';

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@requiresScopes"])
  type Product @key(fields: "sku") {
    sku: String!
    name: String!
    available: Int @requiresScopes(scopes: [["stock:read"]])
  }
  type Query {
    products(first: Int): [Product!]!
    product(sku: String!): Product
    odooDown: String
    odooLeak: String
  }
  type Mutation { rename(sku: String!, name: String!): Product! }
`);

const products = Array.from({ length: 5 }, (_, i) => ({
  sku: `SKU-${i + 1}`,
  name: `Product ${i + 1}`,
  available: i,
}));

const schema = buildSubgraphSchema({
  typeDefs,
  resolvers: {
    Query: {
      products: (_: unknown, args: { first?: number }) => products.slice(0, args.first ?? products.length),
      product: (_: unknown, args: { sku: string }) => products.find((p) => p.sku === args.sku) ?? null,
      odooDown: () => {
        throw new GraphQLError('Odoo at http://odoo.internal:8069 timed out after 5000 ms', {
          extensions: { code: 'UPSTREAM_UNAVAILABLE', upstream: 'odoo', upstreamCode: 'ODOO_UNAVAILABLE' },
        });
      },
      odooLeak: () => {
        throw new GraphQLError(
          'psycopg2.errors.UniqueViolation: duplicate key value violates "sale_order_name_uniq"',
          {
            extensions: {
              code: 'UPSTREAM_ERROR',
              upstream: 'odoo',
              upstreamCode: 'ODOO_VALIDATION_ERROR',
              stacktrace: ['Traceback (most recent call last):', '  File "/opt/odoo/odoo/sql_db.py"'],
            },
          },
        );
      },
    },
    Mutation: {
      rename: (_: unknown, args: { sku: string; name: string }) => {
        if (args.sku === 'LOCKED')
          throw new GraphQLError('Odoo refused: record locked', { extensions: { code: 'UPSTREAM_ERROR' } });
        return { ...args, available: 0 };
      },
    },
    Product: { __resolveReference: (ref: { sku: string }) => products.find((p) => p.sku === ref.sku) },
  },
});

export const PRINCIPALS = {
  internal: { kind: 'internal', id: 'staff-1', name: 'Staff', scopes: ['stock:read'] },
  partner: {
    kind: 'partner',
    id: 'partner-a',
    name: 'Partner A',
    partnerKind: 'customer',
    tenantPartnerId: 7,
    scopes: ['catalog:read', 'stock:read'],
  },
  persisted: {
    kind: 'partner',
    id: 'partner-p',
    name: 'Partner P',
    partnerKind: 'marketplace',
    tenantPartnerId: 8,
    scopes: ['catalog:read'],
    persistedOnly: true,
  },
} as const satisfies Record<string, Principal>;

export type Caller = keyof typeof PRINCIPALS;

/** `Authorization` header of `caller`. */
export const as = (caller: Caller) => ({ authorization: `Bearer key-of-${caller}` });

/** A key store that knows exactly the callers above; nothing can be managed through it. */
export const securityKeyStore: ApiKeyStore = {
  authenticate: (key) =>
    Promise.resolve((PRINCIPALS as Record<string, Principal>)[key.replace(/^key-of-/, '')] ?? null),
  prefixes: () => Promise.resolve([]),
  list: () => Promise.reject(new Error('not in tests')),
  create: () => Promise.reject(new Error('not in tests')),
  revoke: () => Promise.reject(new Error('not in tests')),
  rotate: () => Promise.reject(new Error('not in tests')),
};

export interface SecurityGraph {
  gateway: RunningGateway;
  /** How many HTTP requests reached the subgraph. */
  subgraphRequests(): number;
  close(): Promise<void>;
}

export async function startSecurityGraph(options: Partial<StartGatewayOptions> = {}): Promise<SecurityGraph> {
  let requests = 0;
  const apollo = new ApolloServer({ schema, plugins: [ApolloServerPluginInlineTraceDisabled()] });
  await apollo.start();
  const server = createServer((req, res) => {
    requests += 1;
    void handleGraphQLRequest(apollo, req, res, () => Promise.resolve({}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const composed = composeServices([{ name: 'shop', typeDefs, url }]);
  assertCompositionSuccess(composed);
  const gateway = await startGateway({
    port: 0,
    supergraphSdl: composed.supergraphSdl,
    identitySecret: TEST_IDENTITY_SECRET,
    apiKeys: securityKeyStore,
    logger: createLogger({ name: 'security-test', level: 'silent' }),
    ...options,
  });
  return {
    gateway,
    subgraphRequests: () => requests,
    close: async () => {
      await gateway.close();
      await apollo.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
