import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { internalPrincipal, postAs } from '../../support/graphql.js';
import { ORDER } from './expected.js';
import { startOrdersHarness, type OrdersHarness } from './harness.js';

let harness: OrdersHarness;

beforeAll(async () => {
  // Scale 0.5 seeds about 100 orders: enough for a page of 50.
  harness = await startOrdersHarness({ scale: 0.5, seed: 1 });
});

afterAll(() => harness.close());

const PAGE = `query ($first: Int!) { orders(first: $first) { totalCount edges { node { ${ORDER} } } } }`;

/** The Odoo calls one page costs, by model and method. */
async function callsForPage(first: number): Promise<Record<string, number>> {
  const calls = harness.odoo.odoo.emulator.calls;
  calls.reset();
  const response = await postAs(harness.url, internalPrincipal, PAGE, { first });
  expect(response.body.errors).toBeUndefined();
  expect(response.body.data.orders.edges).toHaveLength(first);
  return calls.snapshot();
}

describe('Odoo calls per page', () => {
  it('costs the same for 50 orders as for 5, with customers, addresses, lines and SKUs', async () => {
    // Warm the client's once-per-client lookups (currency precision) so both pages start equal.
    await callsForPage(1);
    const five = await callsForPage(5);
    const fifty = await callsForPage(50);
    expect(fifty).toEqual(five);
    expect(Object.values(fifty).reduce((sum, n) => sum + n, 0)).toBeLessThanOrEqual(10);
  });
});
