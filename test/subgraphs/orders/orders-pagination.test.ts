import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Domain } from '../../../connectors/odoo/index.js';
import { toGlobalId } from '../../../schema/canonical/global-id.js';
import { internalPrincipal, partnerPrincipal, postAs } from '../../support/graphql.js';
import { listAll, numbersIn, ordersPage, type OrdersPage } from './list-support.js';
import { startOrdersHarness, type OrdersHarness } from './harness.js';

let harness: OrdersHarness;

beforeAll(async () => {
  harness = await startOrdersHarness();
});

afterAll(() => harness.close());

const numbers = (domain: Domain) => numbersIn(harness.odoo.client, domain);

describe('Query.orders pagination', () => {
  it('pages through every order, newest first, with totalCount and hasNextPage', async () => {
    const all = await numbers([]);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page += 1) {
      const orders = await ordersPage(harness.url, { first: 15, after });
      expect(orders.totalCount).toBe(all.length);
      seen.push(...orders.edges.map((e) => e.node.number));
      expect(orders.pageInfo.hasNextPage).toBe(seen.length < all.length);
      expect(orders.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(orders.pageInfo.endCursor).toBe(orders.edges.at(-1)!.cursor);
      if (!orders.pageInfo.hasNextPage) break;
      after = orders.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
  });

  it('defaults to 20 per page', async () => {
    const response = await postAs(harness.url, internalPrincipal, '{ orders { edges { node { number } } } }');
    const { edges } = response.body.data.orders as Pick<OrdersPage, 'edges'>;
    expect(edges.map((e) => e.node.number)).toEqual((await numbers([])).slice(0, 20));
  });
});

describe('Query.orders for partners and anonymous callers', () => {
  it("lists only the tenant's orders, and nothing for another tenant's customerId", async () => {
    const [first] = await harness.odoo.client.searchRead('sale.order', { fields: ['partner_id'], limit: 1 });
    const tenant = first!.partner_id!.id;
    const own = await numbers([['partner_id', 'child_of', tenant]]);
    expect(await listAll(harness.url, {}, partnerPrincipal(tenant))).toEqual({
      numbers: own,
      totalCount: own.length,
    });
    const [other] = await harness.odoo.client.searchRead('sale.order', {
      domain: [['partner_id', '!=', tenant]],
      fields: ['partner_id'],
      limit: 1,
    });
    expect(
      await listAll(
        harness.url,
        { customerId: toGlobalId('Customer', other!.partner_id!.id) },
        partnerPrincipal(tenant),
      ),
    ).toEqual({ numbers: [], totalCount: 0 });
  });

  it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
    const response = await postAs(harness.url, null, '{ orders { totalCount } }');
    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      errors: [
        {
          message: 'Authentication required.',
          locations: [{ line: 1, column: 3 }],
          path: ['orders'],
          extensions: { code: 'UNAUTHENTICATED', missingScopes: ['orders:read'], coordinate: 'Query.orders' },
        },
      ],
    });
  });
});
