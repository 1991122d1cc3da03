import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../../schema/canonical/global-id.js';
import { internalPrincipal, partnerPrincipal, postAs } from '../../support/graphql.js';
import { CUSTOMER, expectedCustomer } from './expected.js';
import { startOrdersHarness, type OrdersHarness } from './harness.js';

let harness: OrdersHarness;
let tenant: number;
let otherTenant: number;

beforeAll(async () => {
  harness = await startOrdersHarness();
  const orders = await harness.odoo.client.searchRead('sale.order', { fields: ['partner_id'], order: 'id' });
  tenant = orders[0]!.partner_id!.id;
  otherTenant = orders.find((o) => o.partner_id!.id !== tenant)!.partner_id!.id;
});

afterAll(() => harness.close());

const CUSTOMER_QUERY = `query ($id: ID!) { customer(id: $id) { ${CUSTOMER} } }`;

describe('Query.customer', () => {
  it('answers a customer whole, with its delivery and invoice addresses', async () => {
    const response = await postAs(harness.url, internalPrincipal, CUSTOMER_QUERY, {
      id: toGlobalId('Customer', tenant),
    });
    expect(response.body).toEqual({
      data: { customer: await expectedCustomer(harness.odoo.client, tenant) },
    });
  });

  it('answers null for an id of no customer', async () => {
    const response = await postAs(harness.url, internalPrincipal, CUSTOMER_QUERY, {
      id: toGlobalId('Customer', 999_999),
    });
    expect(response.body).toEqual({ data: { customer: null } });
  });

  it('shows a partner itself only', async () => {
    const query = `query ($id: ID!) { customer(id: $id) { name } }`;
    const own = await postAs(harness.url, partnerPrincipal(tenant), query, {
      id: toGlobalId('Customer', tenant),
    });
    expect(own.body.data.customer).not.toBeNull();
    const other = await postAs(harness.url, partnerPrincipal(tenant), query, {
      id: toGlobalId('Customer', otherTenant),
    });
    expect(other.body).toEqual({ data: { customer: null } });
  });

  it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
    const response = await postAs(harness.url, null, CUSTOMER_QUERY, { id: toGlobalId('Customer', tenant) });
    expect(response.body.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['customer'], 'UNAUTHENTICATED'],
    ]);
    // Refused before execution (the field is @authenticated): no data at all.
    expect(response.body.data).toBeUndefined();
  });
});

describe('Customer.orders', () => {
  const ORDERS = `query ($id: ID!, $filter: OrderFilter) {
    customer(id: $id) { orders(first: 100, filter: $filter) { totalCount edges { node { number customer { id } } } } }
  }`;

  it("lists the customer's orders, newest first, each pointing back at the customer", async () => {
    const expected = await harness.odoo.client.searchRead('sale.order', {
      domain: [['partner_id', 'child_of', tenant]],
      fields: ['name'],
      order: 'date_order desc, id desc',
    });
    const id = toGlobalId('Customer', tenant);
    const response = await postAs(harness.url, internalPrincipal, ORDERS, { id });
    expect(response.body).toEqual({
      data: {
        customer: {
          orders: {
            totalCount: expected.length,
            edges: expected.map((o) => ({ node: { number: o.name, customer: { id } } })),
          },
        },
      },
    });
  });

  it('matches nothing when the filter names another customer', async () => {
    const response = await postAs(harness.url, internalPrincipal, ORDERS, {
      id: toGlobalId('Customer', tenant),
      filter: { customerId: toGlobalId('Customer', otherTenant) },
    });
    expect(response.body).toEqual({ data: { customer: { orders: { totalCount: 0, edges: [] } } } });
  });
});
