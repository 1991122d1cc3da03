/**
 * Broken object-level authorization is the first risk of a partner API: partner A tries partner B's
 * objects on every path (root fields by number or id, lists and their filters, nested lists, entity
 * resolution through `_entities` straight at the subgraphs) and gets nothing of B's.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OdooClient, odooConfigSchema } from '../../connectors/odoo/index.js';
import { DEMO_PARTNER1_API_KEY, DEMO_PARTNER2_API_KEY } from '../../gateway/auth/demo-api-keys.js';
import { createLogger } from '../../platform/logger.js';
import { toGlobalId } from '../../schema/canonical/global-id.js';
import { startEmbeddedStack, type EmbeddedStack } from '../../stack/embedded-stack.js';
import { internalPrincipal, partnerPrincipal, postAs, TEST_IDENTITY_SECRET } from '../support/graphql.js';

interface Tenant {
  partnerId: number;
  key: string;
  orderNumber: string;
  orderRowId: number;
  invoiceNumber: string;
}

describe('tenant isolation: partner A never sees partner B', () => {
  let stack: EmbeddedStack;
  let a: Tenant;
  let b: Tenant;
  let odoo: OdooClient;

  const gql = async (key: string, query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] };
  };

  beforeAll(async () => {
    stack = await startEmbeddedStack({
      logger: createLogger({ name: 'tenancy', level: 'silent' }),
      identitySecret: TEST_IDENTITY_SECRET,
      odoo: { port: 0, demo: { scale: 1, seed: 7 } },
    });
    odoo = new OdooClient({
      config: odooConfigSchema.parse({
        url: stack.odoo.url,
        apiKey: stack.odoo.apiKey,
        database: stack.odoo.database,
        login: stack.odoo.login,
      }),
      logger: createLogger({ name: 'odoo', level: 'silent' }),
    });
    const tenant = async (partnerId: number, key: string): Promise<Tenant> => {
      const [order] = await odoo.searchRead('sale.order', {
        domain: [
          ['partner_id', 'child_of', partnerId],
          ['invoice_ids', '!=', false],
        ],
        fields: ['name', 'invoice_ids'],
        limit: 1,
      });
      const [invoice] = await odoo.read('account.move', order!.invoice_ids, ['name']);
      return {
        partnerId,
        key,
        orderNumber: order!.name!,
        orderRowId: order!.id,
        invoiceNumber: invoice!.name!,
      };
    };
    const [first, second] = stack.demoPartners;
    a = await tenant(first!.tenantPartnerId, DEMO_PARTNER1_API_KEY);
    b = await tenant(second!.tenantPartnerId, DEMO_PARTNER2_API_KEY);
  });
  afterAll(() => stack.close());

  it('sees its own order and invoice by number (the control)', async () => {
    const own = await gql(
      a.key,
      'query ($o: String!, $i: String!) { order(number: $o) { number } invoice(number: $i) { number } }',
      { o: a.orderNumber, i: a.invoiceNumber },
    );
    expect(own).toEqual({ data: { order: { number: a.orderNumber }, invoice: { number: a.invoiceNumber } } });
  });

  it('gets null for B’s order, invoice and customer by key', async () => {
    const theirs = await gql(
      a.key,
      'query ($o: String!, $i: String!, $c: ID!) { order(number: $o) { number } invoice(number: $i) { number } customer(id: $c) { name } }',
      {
        o: b.orderNumber,
        i: b.invoiceNumber,
        c: toGlobalId('Customer', b.partnerId),
      },
    );
    expect(theirs).toEqual({ data: { order: null, invoice: null, customer: null } });
  });

  it('gets no B rows in lists, whatever the filter says', async () => {
    const lists = await gql(
      a.key,
      'query ($c: ID!) { orders(first: 100, filter: { customerId: $c }) { totalCount edges { node { number } } } invoices(first: 100, filter: { customerId: $c }) { totalCount } }',
      {
        c: toGlobalId('Customer', b.partnerId),
      },
    );
    expect(lists).toEqual({ data: { orders: { totalCount: 0, edges: [] }, invoices: { totalCount: 0 } } });
    const all = await gql(a.key, '{ orders(first: 100) { edges { node { number customer { id } } } } }');
    const customers = new Set(all.data.orders.edges.map((edge: any) => edge.node.customer.id));
    expect([...customers]).toEqual([toGlobalId('Customer', a.partnerId)]);
  });

  it('resolves none of B’s fulfilments or shipments at the warehouse and shipping subgraphs', async () => {
    const [shipped] = await odoo.searchRead('sale.order', {
      domain: [
        ['partner_id', 'child_of', b.partnerId],
        ['state', '=', 'sale'],
        ['delivery_status', '=', 'full'],
      ],
      fields: ['name'],
      limit: 1,
    });
    const number = shipped!.name!;
    const entities = (fragment: string) =>
      `query ($r: [_Any!]!) { _entities(representations: $r) { ${fragment} } }`;
    const asInternal = await postAs(
      stack.subgraphs.shipping.url,
      internalPrincipal,
      entities('... on Order { shipments { trackingNumber } }'),
      { r: [{ __typename: 'Order', number }] },
    );
    const tracking = asInternal.body.data?._entities?.[0]?.shipments?.[0]?.trackingNumber as string;
    expect(tracking).toEqual(expect.any(String)); // the control: B's order did ship
    const asA = partnerPrincipal(a.partnerId);
    const warehouse = await postAs(
      stack.subgraphs.warehouse.url,
      asA,
      entities('... on Order { fulfillment { status } }'),
      { r: [{ __typename: 'Order', number }] },
    );
    expect(warehouse.body).toEqual({ data: { _entities: [{ fulfillment: null }] } });
    const shipping = await postAs(
      stack.subgraphs.shipping.url,
      asA,
      entities('... on Order { shipments { trackingNumber } } ... on Shipment { status }'),
      {
        r: [
          { __typename: 'Order', number },
          { __typename: 'Shipment', trackingNumber: tracking },
        ],
      },
    );
    expect(shipping.body).toEqual({ data: { _entities: [{ shipments: [] }, null] } });
    const asB = await postAs(
      stack.subgraphs.shipping.url,
      partnerPrincipal(b.partnerId),
      entities('... on Shipment { trackingNumber }'),
      { r: [{ __typename: 'Shipment', trackingNumber: tracking }] },
    );
    expect(asB.body).toEqual({ data: { _entities: [{ trackingNumber: tracking }] } });
  });

  it('resolves none of B’s entities through _entities at the subgraphs, even with a valid identity for A', async () => {
    const asA = partnerPrincipal(a.partnerId);
    const orders = await postAs(
      stack.subgraphs.orders.url,
      asA,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Order { number } ... on Customer { name } } }',
      {
        r: [
          { __typename: 'Order', number: b.orderNumber },
          { __typename: 'Order', id: toGlobalId('Order', b.orderRowId) },
          { __typename: 'Customer', id: toGlobalId('Customer', b.partnerId) },
        ],
      },
    );
    expect(orders.body).toEqual({ data: { _entities: [null, null, null] } });
    const invoicing = await postAs(
      stack.subgraphs.invoicing.url,
      asA,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Invoice { number } ... on Order { invoices { number } } } }',
      {
        r: [
          { __typename: 'Invoice', number: b.invoiceNumber },
          { __typename: 'Order', id: toGlobalId('Order', b.orderRowId) },
        ],
      },
    );
    expect(invoicing.body.data?._entities).toEqual([null, { invoices: [] }]);
    const balance = await postAs(
      stack.subgraphs.invoicing.url,
      asA,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { balance { amount } } } }',
      {
        r: [{ __typename: 'Customer', id: toGlobalId('Customer', b.partnerId) }],
      },
    );
    expect(balance.body.data?._entities ?? [null]).toEqual([null]);
    expect(balance.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('never shares an answer between two partners asking the same thing at the same time', async () => {
    const query = '{ orders(first: 20) { edges { node { customer { id } } } } }';
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, index) => gql(index % 2 === 0 ? a.key : b.key, query)),
    );
    answers.forEach((answer, index) => {
      const expected = toGlobalId('Customer', index % 2 === 0 ? a.partnerId : b.partnerId);
      const seen = new Set(answer.data.orders.edges.map((edge: any) => edge.node.customer.id));
      expect([...seen]).toEqual([expected]);
    });
  });
});
