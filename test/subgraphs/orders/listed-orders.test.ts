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

describe('Query.orders with its orders’ lines in the same Odoo call', () => {
  const calls = () => harness.odoo.odoo.emulator.calls;
  const ORDERED = `number lines { __typename id quantity { value unit } product { sku } }`;
  const FULL = `number lines { id description unitPrice { amount currency } total { amount } quantity { value } product { sku } }`;

  it('reads a listed page and its lines (with their products) in one call', async () => {
    await page(ORDERED); // the client learns currency precisions once
    calls().reset();
    const listed = await page(ORDERED);
    expect(listed.errors).toBeUndefined();
    expect(calls().snapshot()).toEqual({ 'sale.order.web_search_read': 1, 'sale.order.search_count': 1 });
    // The same lines as orders read whole (customerReference is not listed), whose lines are read apart.
    calls().reset();
    const whole = await page(`${ORDERED} customerReference`);
    expect(calls().snapshot()).toMatchObject({ 'sale.order.line.web_search_read': 1 });
    const linesOf = (body: typeof listed) =>
      body.data.orders.edges.map((edge: { node: { number: string; lines: unknown[] } }) => [
        edge.node.number,
        edge.node.lines,
      ]);
    expect(linesOf(listed)).toEqual(linesOf(whole));
    expect(linesOf(listed).some(([, lines]: [string, unknown[]]) => lines.length > 1)).toBe(true);
  });

  it('reads every field of the lines when the page asks for more than what was ordered', async () => {
    const listed = await page(FULL);
    const whole = await page(`${FULL} customerReference`);
    expect(listed.errors).toBeUndefined();
    expect(listed.data.orders.edges.map((e: { node: { lines: unknown } }) => e.node.lines)).toEqual(
      whole.data.orders.edges.map((e: { node: { lines: unknown } }) => e.node.lines),
    );
  });

  it('leaves sections and notes out and keeps the lines in their order on the document', async () => {
    const { client } = harness.odoo;
    const [customer] = await client.searchRead('res.partner', {
      domain: [['customer_rank', '>', 0]],
      fields: ['name'],
      limit: 1,
    });
    const [product] = await client.searchRead('product.product', {
      domain: [['default_code', '!=', false]],
      fields: ['default_code'],
      limit: 2,
    });
    const [orderId] = await client.create('sale.order', [{ partner_id: customer!.id }]);
    await client.create('sale.order.line', [
      { order_id: orderId, product_id: product!.id, product_uom_qty: 3, sequence: 30 },
      { order_id: orderId, display_type: 'line_section', name: 'Kitchen', sequence: 10 },
      { order_id: orderId, product_id: product!.id, product_uom_qty: 1, sequence: 20 },
      { order_id: orderId, display_type: 'line_note', name: 'Ring twice', sequence: 25 },
    ]);
    const [order] = await client.read('sale.order', [orderId!], ['name']);
    const listed = await page(ORDERED);
    const node = listed.data.orders.edges.find(
      (e: { node: { number: string } }) => e.node.number === order!.name,
    )?.node as { lines: { quantity: { value: string } }[] };
    expect(node.lines.map((line) => line.quantity.value)).toEqual(['1', '3']);
  });
});
