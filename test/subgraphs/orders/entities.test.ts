import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../../schema/canonical/global-id.js';
import { internalPrincipal, partnerPrincipal, postAs } from '../../support/graphql.js';
import { CUSTOMER, expectedCustomer, expectedOrder, ORDER } from './expected.js';
import { startOrdersHarness, type OrdersHarness } from './harness.js';

let harness: OrdersHarness;
let known: { rowId: number; number: string; tenant: number };
let otherTenant: number;

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Order { ${ORDER} }
    ... on Customer { ${CUSTOMER} }
  }
}`;

beforeAll(async () => {
  harness = await startOrdersHarness();
  const orders = await harness.odoo.client.searchRead('sale.order', {
    fields: ['name', 'partner_id'],
    order: 'id',
  });
  const first = orders[0]!;
  known = { rowId: first.id, number: first.name!, tenant: first.partner_id!.id };
  otherTenant = orders.find((o) => o.partner_id!.id !== known.tenant)!.partner_id!.id;
});

afterAll(() => harness.close());

describe('_entities', () => {
  it('resolves an Order by number and by id, and a Customer by id, in one request', async () => {
    const customerId = toGlobalId('Customer', known.tenant);
    const response = await postAs(harness.url, internalPrincipal, ENTITIES, {
      representations: [
        { __typename: 'Order', number: known.number },
        { __typename: 'Order', id: toGlobalId('Order', known.rowId) },
        { __typename: 'Customer', id: customerId },
      ],
    });
    const order = await expectedOrder(harness.odoo.client, known.number);
    const customer = await expectedCustomer(harness.odoo.client, known.tenant);
    expect(response.body).toEqual({ data: { _entities: [order, order, customer] } });
  });

  it('answers null for references that match nothing or are not ids of the type', async () => {
    const response = await postAs(harness.url, internalPrincipal, ENTITIES, {
      representations: [
        { __typename: 'Order', number: 'S99999' },
        { __typename: 'Order', id: toGlobalId('Customer', known.tenant) },
        { __typename: 'Customer', id: 'not-an-id' },
      ],
    });
    expect(response.body).toEqual({ data: { _entities: [null, null, null] } });
  });

  it("answers null for another tenant's order and customer", async () => {
    const response = await postAs(
      harness.url,
      partnerPrincipal(otherTenant),
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) { ... on Order { number } ... on Customer { name } }
      }`,
      {
        representations: [
          { __typename: 'Order', number: known.number },
          { __typename: 'Order', id: toGlobalId('Order', known.rowId) },
          { __typename: 'Customer', id: toGlobalId('Customer', known.tenant) },
        ],
      },
    );
    expect(response.body).toEqual({ data: { _entities: [null, null, null] } });
  });

  it('refuses an anonymous caller', async () => {
    const response = await postAs(harness.url, null, ENTITIES, {
      representations: [{ __typename: 'Order', number: known.number }],
    });
    expect(response.body).toEqual({
      errors: [
        {
          message: 'Authentication required.',
          locations: [expect.any(Object)],
          path: ['_entities'],
          extensions: { code: 'UNAUTHENTICATED', missingScopes: ['orders:read'], coordinate: 'Order' },
        },
        {
          message: 'Authentication required.',
          locations: [expect.any(Object)],
          path: ['_entities'],
          extensions: { code: 'UNAUTHENTICATED', missingScopes: [], coordinate: 'Customer' },
        },
      ],
    });
  });
});
