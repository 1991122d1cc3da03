/**
 * The field matrix of issue 4: every sensitive field, asked by internal staff, a partner with the default
 * scopes, a partner lacking the field's scope and an anonymous caller, through the gateway and directly at
 * the subgraph that owns it (with a signed identity, as if the gateway had been bypassed). Allowed: the
 * value. Refused: the whole operation, one error naming the missing scope, no data.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { InMemoryApiKeyStore } from '../../gateway/auth/api-keys.js';
import { INTERNAL_DEMO_SCOPES, PARTNER_DEMO_SCOPES } from '../../gateway/auth/demo-api-keys.js';
import type { Principal } from '../../platform/auth/principal.js';
import { createLogger } from '../../platform/logger.js';
import { toGlobalId } from '../../schema/canonical/global-id.js';
import { startEmbeddedStack, type EmbeddedStack } from '../../stack/embedded-stack.js';
import {
  internalPrincipal,
  partnerPrincipal,
  postAs,
  TEST_IDENTITY_SECRET,
  type GraphQLResponse,
} from '../support/graphql.js';

/** A partner key with less than the default: no stock, contact, invoice or shipment scopes. */
const RESTRICTED_SCOPES = ['catalog:read', 'orders:read'];

type Caller = 'internal' | 'partner' | 'restricted' | 'anonymous';
type Subgraph = 'inventory' | 'orders' | 'invoicing';

interface FieldCase {
  coordinate: string;
  scope: string;
  /** Who holds the scope (anonymous never does). */
  allowed: readonly Caller[];
  gateway: string;
  subgraph: Subgraph;
  /** The subgraph's own query (the gateway's unless the field is reached through `_entities` there). */
  subgraphQuery?: string;
  path: string[];
  subgraphPath?: string[];
  /** Where the restricted partner is stopped first, when above the field (the refused subtree is not entered). */
  restrictedAt?: { coordinate: string; scope: string; path: string[] };
}

const stock = (field: string): FieldCase => ({
  coordinate: `StockLevel.${field}`,
  scope: field === 'available' ? 'stock:read' : 'stock:exact',
  allowed: field === 'available' ? ['internal', 'partner'] : ['internal'],
  gateway: `query ($sku: String!) { product(sku: $sku) { sku stock { ${field} { value } } } }`,
  subgraph: 'inventory',
  path: ['product', 'stock', field],
  restrictedAt: { coordinate: 'Product.stock', scope: 'stock:read', path: ['product', 'stock'] },
});
const contact = (field: string, selection = ''): FieldCase => ({
  coordinate: `Customer.${field}`,
  scope: 'customers:read',
  allowed: ['internal', 'partner'],
  gateway: `query ($id: ID!) { customer(id: $id) { name ${field} ${selection} } }`,
  subgraph: 'orders',
  path: ['customer', field],
});
const finance = (field: string, selection: string): FieldCase => ({
  coordinate: `Customer.${field}`,
  scope: 'finance:read',
  allowed: ['internal'],
  gateway: `query ($id: ID!) { customer(id: $id) { name ${field} ${selection} } }`,
  subgraph: 'invoicing',
  subgraphQuery: `query ($id: ID!) { _entities(representations: [{ __typename: "Customer", id: $id }]) {
    ... on Customer { ${field} ${selection} } } }`,
  path: ['customer', field],
  subgraphPath: ['_entities', field],
});

const FIELDS: FieldCase[] = [
  {
    coordinate: 'Product.cost',
    scope: 'cost:read',
    allowed: ['internal'],
    gateway: 'query ($sku: String!) { product(sku: $sku) { sku cost { amount currency } } }',
    subgraph: 'inventory',
    path: ['product', 'cost'],
  },
  ...['onHand', 'reserved', 'incoming', 'outgoing', 'forecast', 'available'].map((f) => stock(f)),
  {
    coordinate: 'Order.margin',
    scope: 'margin:read',
    allowed: ['internal'],
    gateway: 'query ($number: String!) { order(number: $number) { number margin { amount currency } } }',
    subgraph: 'orders',
    path: ['order', 'margin'],
  },
  ...['email', 'phone', 'vatNumber'].map((f) => contact(f)),
  contact('deliveryAddresses', '{ city }'),
  contact('invoiceAddresses', '{ city }'),
  finance('balance', '{ amount }'),
  finance('credit', '{ used { amount } }'),
  {
    coordinate: 'Query.invoices',
    scope: 'invoices:read',
    allowed: ['internal', 'partner'],
    gateway: '{ invoices(first: 1) { totalCount } }',
    subgraph: 'invoicing',
    path: ['invoices'],
  },
];

describe('field-level authorization', () => {
  let stack: EmbeddedStack;
  const keys: Partial<Record<Caller, string>> = {};
  const principals = {} as Record<Caller, Principal | null>;
  let variables: { sku: string; number: string; id: string };

  const viaGateway = async (caller: Caller, query: string): Promise<GraphQLResponse> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (keys[caller]) headers.authorization = `Bearer ${keys[caller]}`;
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as GraphQLResponse['body'] };
  };
  const viaSubgraph = (caller: Caller, subgraph: Subgraph, query: string) =>
    postAs(stack.subgraphs[subgraph].url, principals[caller], query, variables);

  beforeAll(async () => {
    const store = new InMemoryApiKeyStore();
    stack = await startEmbeddedStack({
      logger: createLogger({ name: 'field-authorization', level: 'silent' }),
      identitySecret: TEST_IDENTITY_SECRET,
      odoo: { port: 0, demo: { scale: 1, seed: 11 } },
      apiKeys: { store },
      gateway: { allowAnonymous: true },
    });
    const tenant = stack.demoPartners[0]!.tenantPartnerId;
    const partner = (scopes: string[]) =>
      ({ kind: 'partner', partnerKind: 'customer', tenantPartnerId: tenant, scopes }) as const;
    keys.internal = (
      await store.create({ name: 'staff', principal: { kind: 'internal', scopes: INTERNAL_DEMO_SCOPES } })
    ).key;
    keys.partner = (await store.create({ name: 'partner', principal: partner(PARTNER_DEMO_SCOPES) })).key;
    keys.restricted = (await store.create({ name: 'restricted', principal: partner(RESTRICTED_SCOPES) })).key;
    principals.internal = internalPrincipal;
    principals.partner = partnerPrincipal(tenant);
    principals.restricted = { ...partnerPrincipal(tenant), scopes: RESTRICTED_SCOPES };
    principals.anonymous = null;
    const own = await viaGateway(
      'partner',
      '{ orders(first: 1) { edges { node { number } } } products(first: 20) { edges { node { sku tracksInventory } } } }',
    );
    const products = own.body.data.products.edges.map(
      (e: { node: { sku: string; tracksInventory: boolean } }) => e.node,
    );
    variables = {
      sku: products.find((p: { tracksInventory: boolean }) => p.tracksInventory).sku,
      number: own.body.data.orders.edges[0].node.number,
      id: toGlobalId('Customer', tenant),
    };
  });
  afterAll(() => stack.close());

  const callers: Caller[] = ['internal', 'partner', 'restricted', 'anonymous'];
  const cases = FIELDS.flatMap((field) =>
    callers.map((caller) => [field.coordinate, caller, field] as const),
  );

  const expectRefused = (response: GraphQLResponse, field: FieldCase, caller: Caller, path: string[]) => {
    if (caller === 'restricted' && field.restrictedAt) {
      const { coordinate, scope, path: at } = field.restrictedAt;
      return expectRefused(response, { ...field, coordinate, scope, restrictedAt: undefined }, caller, at);
    }
    expect(response.body.data ?? undefined).toBeUndefined();
    if (caller === 'anonymous') {
      expect(response.status).toBe(401);
      // Every root field is @authenticated: the refusal is at the root, before any scope.
      expect(response.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      return;
    }
    expect(response.status).toBe(403);
    expect(response.body.errors).toEqual([
      {
        message: `Missing scope ${field.scope} for ${field.coordinate}`,
        locations: [expect.any(Object)],
        path,
        extensions: { code: 'FORBIDDEN', missingScopes: [field.scope], coordinate: field.coordinate },
      },
    ]);
  };
  const expectAllowed = (response: GraphQLResponse, path: string[]) => {
    expect(response.body.errors).toBeUndefined();
    const value = path.reduce<unknown>(
      (at, key) => (Array.isArray(at) ? at[0] : at)?.[key as keyof typeof at],
      response.body.data,
    );
    // Present (null only where the field is nullable and Odoo has nothing, e.g. a VAT number).
    expect(value).toBeDefined();
  };

  it.each(cases)('%s as %s through the gateway', async (_coordinate, caller, field) => {
    const response = await viaGateway(caller, field.gateway);
    if (field.allowed.includes(caller)) expectAllowed(response, field.path);
    else expectRefused(response, field, caller, field.path);
  });

  it.each(cases)('%s as %s directly at the subgraph', async (_coordinate, caller, field) => {
    const response = await viaSubgraph(caller, field.subgraph, field.subgraphQuery ?? field.gateway);
    const path = field.subgraphPath ?? field.path;
    if (field.allowed.includes(caller)) expectAllowed(response, path);
    else expectRefused(response, field, caller, path);
  });

  it('follows aliases, named and inline fragments: nothing sneaks through', async () => {
    const query = `query ($sku: String!) {
      mine: product(sku: $sku) { sku ...Costing ... on Product { levels: stock { exact: onHand { value } } } }
    }
    fragment Costing on Product { name price: cost { amount } }`;
    for (const response of [
      await viaGateway('partner', query),
      await viaSubgraph('partner', 'inventory', query),
    ]) {
      expect(response.status).toBe(403);
      expect(response.body.data).toBeUndefined();
      expect(response.body.errors?.map((e) => [e.path, e.extensions?.coordinate])).toEqual([
        [['mine', 'price'], 'Product.cost'],
        [['mine', 'levels', 'exact'], 'StockLevel.onHand'],
      ]);
    }
    const internal = await viaGateway('internal', query);
    expect(internal.body.errors).toBeUndefined();
    expect(internal.body.data.mine.price.amount).toMatch(/^\d+\.\d{2}$/);
  });

  it('refuses `... on Product { cost }` in `_entities` at the inventory subgraph for a partner', async () => {
    const query = `query ($sku: String!) { _entities(representations: [{ __typename: "Product", sku: $sku }]) {
      ... on Product { sku cost { amount } } } }`;
    const refused = await viaSubgraph('partner', 'inventory', query);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({
      errors: [
        {
          message: 'Missing scope cost:read for Product.cost',
          locations: [expect.any(Object)],
          path: ['_entities', 'cost'],
          extensions: { code: 'FORBIDDEN', missingScopes: ['cost:read'], coordinate: 'Product.cost' },
        },
      ],
    });
    const allowed = await viaSubgraph('internal', 'inventory', query);
    expect(allowed.body.data._entities[0]).toEqual({
      sku: variables.sku,
      cost: { amount: expect.any(String) },
    });
  });

  it("computes an order's margin as its untaxed total minus the lines' cost", async () => {
    const response = await viaGateway(
      'internal',
      `query ($number: String!) { order(number: $number) { totals { untaxed { amount } } margin { amount }
        lines { quantity { value } product { cost { amount } } } } }`,
    );
    expect(response.body.errors).toBeUndefined();
    const { totals, margin, lines } = response.body.data.order as {
      totals: { untaxed: { amount: string } };
      margin: { amount: string };
      lines: { quantity: { value: string }; product: { cost: { amount: string } } | null }[];
    };
    const cost = lines.reduce(
      (sum, line) => sum + Number(line.quantity.value) * Number(line.product?.cost.amount ?? 0),
      0,
    );
    expect(Number(margin.amount)).toBeCloseTo(Number(totals.untaxed.amount) - cost, 2);
  });
});
