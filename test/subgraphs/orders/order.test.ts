import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { internalPrincipal, partnerPrincipal, postAs } from '../../support/graphql.js';
import { expectedOrder, ORDER } from './expected.js';
import { startOrdersHarness, type OrdersHarness } from './harness.js';

let harness: OrdersHarness;
/** A confirmed demo order with a customer reference, and the customer (tenant) who placed it. */
let known: { number: string; tenant: number };
let otherTenant: number;

beforeAll(async () => {
  harness = await startOrdersHarness();
  const orders = await harness.odoo.client.searchRead('sale.order', {
    domain: [
      ['state', '=', 'sale'],
      ['client_order_ref', '!=', false],
    ],
    fields: ['name', 'partner_id'],
    order: 'id',
  });
  const first = orders[0]!;
  known = { number: first.name!, tenant: first.partner_id!.id };
  otherTenant = orders.find((o) => o.partner_id!.id !== known.tenant)!.partner_id!.id;
});

afterAll(() => harness.close());

const ORDER_QUERY = `query ($number: String!) { order(number: $number) { ${ORDER} } }`;

describe('Query.order', () => {
  it('answers a demo order whole: statuses, customer, addresses, lines, totals', async () => {
    const response = await postAs(harness.url, internalPrincipal, ORDER_QUERY, { number: known.number });
    expect(response.body).toEqual({
      data: { order: await expectedOrder(harness.odoo.client, known.number) },
    });
  });

  it('answers null for a number that is no order', async () => {
    const response = await postAs(harness.url, internalPrincipal, ORDER_QUERY, { number: 'S99999' });
    expect(response.body).toEqual({ data: { order: null } });
  });

  it("shows a partner its own order and answers null for another tenant's", async () => {
    const query = `query ($number: String!) { order(number: $number) { number } }`;
    const own = await postAs(harness.url, partnerPrincipal(known.tenant), query, { number: known.number });
    expect(own.body).toEqual({ data: { order: { number: known.number } } });
    const other = await postAs(harness.url, partnerPrincipal(otherTenant), query, { number: known.number });
    expect(other.body).toEqual({ data: { order: null } });
  });

  it('refuses an anonymous caller with UNAUTHENTICATED at the field', async () => {
    const response = await postAs(harness.url, null, ORDER_QUERY, { number: known.number });
    expect(response.body).toEqual({
      errors: [
        {
          message: 'Authentication required.',
          locations: [{ line: 1, column: 28 }],
          path: ['order'],
          extensions: { code: 'UNAUTHENTICATED', missingScopes: ['orders:read'], coordinate: 'Query.order' },
        },
      ],
    });
  });
});
