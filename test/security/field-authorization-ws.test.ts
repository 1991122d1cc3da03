/**
 * Field-level authorization over graphql-ws, as over HTTP (field-authorization.test.ts): through a real
 * gateway, and directly at a subgraph with a signed identity as if the gateway had been bypassed. A
 * partner selecting a `@requiresScopes` field it lacks is refused whole (FORBIDDEN naming the scope, no
 * data), queries and subscriptions alike; internal staff get the field.
 *
 * The graph: the access subgraph (its root fields require `keys:manage`) and `pricing`, a small subgraph
 * served by the platform's own subgraph server (identity check, field authorization on HTTP and
 * graphql-ws), so no Odoo is needed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { InMemoryApiKeyStore } from '../../gateway/auth/api-keys.js';
import { INTERNAL_DEMO_SCOPES, PARTNER_DEMO_SCOPES } from '../../gateway/auth/demo-api-keys.js';
import { startGateway, type RunningGateway } from '../../gateway/server.js';
import { signIdentity } from '../../platform/auth/identity-token.js';
import type { Principal } from '../../platform/auth/principal.js';
import { startSubgraphServer, type RunningSubgraph } from '../../platform/graphql/start-subgraph-server.js';
import { createLogger } from '../../platform/logger.js';
import { composeGraph } from '../../schema/tools/compose-graph.js';
import { accessSchema } from '../../subgraphs/access/schema/index.js';
import { startAccessSubgraph } from '../../subgraphs/access/server.js';
import { subscribe } from '../gateway/support/gateway-client.js';
import { internalPrincipal, partnerPrincipal, TEST_IDENTITY_SECRET } from '../support/graphql.js';

const logger = createLogger({ name: 'field-authorization-ws', level: 'silent' });

const COST = { 'SKU-1': 7.25, 'SKU-2': 19.5 } as const;
const product = (sku: keyof typeof COST) => ({ sku, cost: COST[sku] });

const pricingSchema = buildSubgraphSchema({
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.6",
      import: ["@key", "@authenticated", "@requiresScopes"])
    type Product @key(fields: "sku") @authenticated @requiresScopes(scopes: [["catalog:read"]]) {
      sku: String!
      cost: Float! @requiresScopes(scopes: [["cost:read"]])
    }
    type Query { product(sku: String!): Product @authenticated }
    type Subscription { productChanged: Product! @authenticated }
  `),
  resolvers: {
    Query: { product: (_: unknown, args: { sku: keyof typeof COST }) => product(args.sku) },
    Subscription: {
      productChanged: {
        subscribe: async function* () {
          for (const sku of ['SKU-1', 'SKU-2'] as const)
            yield await Promise.resolve({ productChanged: product(sku) });
        },
      },
    },
    Product: { __resolveReference: (ref: { sku: keyof typeof COST }) => product(ref.sku) },
  },
});

const COST_QUERY = '{ product(sku: "SKU-1") { sku cost } }';
const COST_SUBSCRIPTION = 'subscription { productChanged { sku cost } }';
const KEYS_QUERY = '{ apiKeys(first: 1) { edges { node { prefix } } } }';

/** What a refused operation answers over graphql-ws: one error per refused field, no data. */
const refusal = (coordinate: string, scope: string, path: string[]) => [
  {
    errors: [
      {
        message: `Missing scope ${scope} for ${coordinate}`,
        locations: [expect.any(Object)],
        path,
        extensions: {
          code: 'FORBIDDEN',
          missingScopes: [scope],
          coordinate,
        },
      },
    ],
  },
];

/** The caller of every operation that reached the pricing subgraph (its context is built per operation). */
const reachedPricing: (Principal | null)[] = [];
let pricing: RunningSubgraph;
let access: RunningSubgraph;
let gateway: RunningGateway;
const keys = { internal: '', partner: '' };

beforeAll(async () => {
  const store = new InMemoryApiKeyStore();
  pricing = await startSubgraphServer({
    name: 'pricing',
    schema: pricingSchema,
    logger,
    identitySecret: TEST_IDENTITY_SECRET,
    createContext: (base) => {
      reachedPricing.push(base.principal);
      return base;
    },
  });
  access = await startAccessSubgraph({ keys: store, logger, identitySecret: TEST_IDENTITY_SECRET });
  const { supergraphSdl } = composeGraph([
    { name: 'pricing', schema: pricingSchema, url: pricing.url },
    { name: 'access', schema: accessSchema, url: access.url },
  ]);
  gateway = await startGateway({
    port: 0,
    supergraphSdl,
    identitySecret: TEST_IDENTITY_SECRET,
    apiKeys: store,
    logger,
  });
  keys.internal = (
    await store.create({ name: 'staff', principal: { kind: 'internal', scopes: INTERNAL_DEMO_SCOPES } })
  ).key;
  keys.partner = (
    await store.create({
      name: 'partner',
      principal: {
        kind: 'partner',
        partnerKind: 'customer',
        tenantPartnerId: 7,
        scopes: PARTNER_DEMO_SCOPES,
      },
    })
  ).key;
});

afterAll(async () => {
  await gateway.close();
  await access.close();
  await pricing.close();
});

describe('field authorization over graphql-ws, through the gateway', () => {
  const asKey = (key: string) => ({ authorization: `Bearer ${key}` });

  it('refuses a partner a query selecting a field it lacks the scope for, naming the scope', async () => {
    reachedPricing.length = 0;
    await expect(subscribe(gateway.url, COST_QUERY, asKey(keys.partner))).resolves.toEqual(
      refusal('Product.cost', 'cost:read', ['product', 'cost']),
    );
    // Refused at the gateway: nothing was sent to the subgraph.
    expect(reachedPricing).toEqual([]);
  });

  it('refuses a partner a subscription selecting such a field', async () => {
    reachedPricing.length = 0;
    await expect(subscribe(gateway.url, COST_SUBSCRIPTION, asKey(keys.partner))).resolves.toEqual(
      refusal('Product.cost', 'cost:read', ['productChanged', 'cost']),
    );
    expect(reachedPricing).toEqual([]);
  });

  it("refuses a partner the access subgraph's root fields (keys:manage)", async () => {
    await expect(subscribe(gateway.url, KEYS_QUERY, asKey(keys.partner))).resolves.toEqual(
      refusal('Query.apiKeys', 'keys:manage', ['apiKeys']),
    );
  });

  it('answers an internal caller holding the scopes', async () => {
    reachedPricing.length = 0;
    await expect(subscribe(gateway.url, COST_QUERY, asKey(keys.internal))).resolves.toEqual([
      { data: { product: { sku: 'SKU-1', cost: 7.25 } } },
    ]);
    await expect(subscribe(gateway.url, COST_SUBSCRIPTION, asKey(keys.internal))).resolves.toEqual([
      { data: { productChanged: { sku: 'SKU-1', cost: 7.25 } } },
      { data: { productChanged: { sku: 'SKU-2', cost: 19.5 } } },
    ]);
    expect(reachedPricing).toEqual([
      expect.objectContaining({ kind: 'internal' }),
      expect.objectContaining({ kind: 'internal' }),
    ]);
    const listed = await subscribe(gateway.url, KEYS_QUERY, asKey(keys.internal));
    expect(listed).toEqual([{ data: { apiKeys: { edges: [{ node: { prefix: expect.any(String) } }] } } }]);
  });
});

describe('field authorization over graphql-ws, directly at a subgraph', () => {
  const asIdentity = async (principal: Principal) => ({
    'x-dg-identity': await signIdentity(principal, TEST_IDENTITY_SECRET),
  });

  it('refuses a partner identity the same way, queries and subscriptions alike', async () => {
    const partner = await asIdentity(partnerPrincipal(7));
    await expect(subscribe(pricing.url, COST_QUERY, partner)).resolves.toEqual(
      refusal('Product.cost', 'cost:read', ['product', 'cost']),
    );
    await expect(subscribe(pricing.url, COST_SUBSCRIPTION, partner)).resolves.toEqual(
      refusal('Product.cost', 'cost:read', ['productChanged', 'cost']),
    );
    await expect(subscribe(access.url, KEYS_QUERY, partner)).resolves.toEqual(
      refusal('Query.apiKeys', 'keys:manage', ['apiKeys']),
    );
  });

  it('answers an internal identity', async () => {
    const internal = await asIdentity(internalPrincipal);
    await expect(subscribe(pricing.url, COST_QUERY, internal)).resolves.toEqual([
      { data: { product: { sku: 'SKU-1', cost: 7.25 } } },
    ]);
    await expect(subscribe(pricing.url, COST_SUBSCRIPTION, internal)).resolves.toEqual([
      { data: { productChanged: { sku: 'SKU-1', cost: 7.25 } } },
      { data: { productChanged: { sku: 'SKU-2', cost: 19.5 } } },
    ]);
  });
});
