import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { internalPrincipal, postAs } from '../../support/graphql.js';
import { startOrdersHarness, type OrdersHarness } from './harness.js';

let harness: OrdersHarness;

beforeAll(async () => {
  harness = await startOrdersHarness();
});

afterAll(() => harness.close());

const LISTED = `__typename id number status deliveryStatus invoicingStatus orderedAt customer { name } lines { quantity { value unit } }`;
const MORE = `customerReference updatedAt totals { total { amount currency } } shippingAddress { city }`;
const page = async (node: string, fragments = '') =>
  (
    await postAs(
      harness.url,
      internalPrincipal,
      `{ orders(first: 12) { __typename totalCount pageInfo { hasNextPage endCursor } edges { __typename cursor node { ${node} } } } } ${fragments}`,
    )
  ).body;

describe('Query.orders read for a list only', () => {
  it('answers what a list shows as when more of each order is asked for', async () => {
    const listed = await page(LISTED);
    const full = await page(`${LISTED} ${MORE}`);
    expect(full.errors).toBeUndefined();
    const { edges, ...rest } = full.data.orders;
    const keep = (node: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(node).filter(([key]) => LISTED.split(' ').includes(key)));
    expect(listed).toEqual({
      data: {
        orders: {
          ...rest,
          edges: edges.map((edge: { node: Record<string, unknown> }) => ({ ...edge, node: keep(edge.node) })),
        },
      },
    });
  });

  it('reads every field a fragment asks for', async () => {
    const full = await page(`${LISTED} ${MORE}`);
    expect(await page(`${LISTED} ...More`, `fragment More on Order { ${MORE} }`)).toEqual(full);
    expect(await page(`${LISTED} ... on Order { ${MORE} }`)).toEqual(full);
  });
});
