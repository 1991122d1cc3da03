import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { internalPrincipal, postAs } from '../../support/graphql.js';
import { expectedLines, LINE } from './expected.js';
import { startOrdersHarness, type OrdersHarness } from './harness.js';

let harness: OrdersHarness;
let number: string;
let orderRowId: number;

beforeAll(async () => {
  harness = await startOrdersHarness();
  const { client } = harness.odoo;
  const [draft] = await client.searchRead('sale.order', {
    domain: [['state', '=', 'draft']],
    fields: ['name'],
    limit: 1,
  });
  number = draft!.name!;
  orderRowId = draft!.id;
  // A fee without an SKU and a note: lines a real order carries beside catalogue products.
  const [fee] = await client.create('product.product', [{ name: 'Handling fee', type: 'service' }]);
  await client.create('sale.order.line', [
    { order_id: orderRowId, product_id: fee, product_uom_qty: 1, price_unit: 12.5 },
    { order_id: orderRowId, display_type: 'line_note', name: 'Deliver to the back door' },
  ]);
});

afterAll(() => harness.close());

describe('Order.lines', () => {
  it('answers a line without an SKU with a null product and leaves notes out', async () => {
    const response = await postAs(
      harness.url,
      internalPrincipal,
      `query ($number: String!) { order(number: $number) { lines { ${LINE} } } }`,
      { number },
    );
    const expected = (await expectedLines(harness.odoo.client, orderRowId)).filter(
      (line) => line.description !== 'Deliver to the back door',
    );
    expect(expected.at(-1)).toMatchObject({ product: null, description: 'Handling fee' });
    expect(response.body).toEqual({ data: { order: { lines: expected } } });
  });
});

describe('Order.lines read for their ordered quantity only', () => {
  const QUANTITY_ONLY = `__typename id quantity { value unit } product { __typename sku }`;
  const ask = (selection: string, fragments = '') =>
    postAs(
      harness.url,
      internalPrincipal,
      `query ($number: String!) { order(number: $number) { ${selection} } } ${fragments}`,
      { number },
    );
  const goods = async () =>
    (await expectedLines(harness.odoo.client, orderRowId)).filter(
      (line) => line.description !== 'Deliver to the back door',
    );

  it('answers the same ids, quantities and products as a full read', async () => {
    const full = await ask(`lines { ${LINE} }`);
    const response = await ask(`lines { ${QUANTITY_ONLY} }`);
    const lines = full.body.data.order.lines.map(
      ({ id, quantity, product }: { id: string; quantity: unknown; product: { sku: string } | null }) => ({
        __typename: 'OrderLine',
        id,
        quantity,
        product: product && { __typename: 'Product', sku: product.sku },
      }),
    );
    expect(response.body).toEqual({ data: { order: { lines } } });
  });

  it('reads every field a fragment or an alias beside it asks for', async () => {
    const expected = await goods();
    const viaFragment = await ask(
      `lines { quantity { value unit } ...Rest }`,
      `fragment Rest on OrderLine { ${LINE} }`,
    );
    expect(viaFragment.body).toEqual({ data: { order: { lines: expected } } });
    const inline = await ask(`lines { quantity { value unit } ... on OrderLine { ${LINE} } }`);
    expect(inline.body).toEqual({ data: { order: { lines: expected } } });
    const aliased = await ask(`few: lines { quantity { value unit } } all: lines { ${LINE} }`);
    expect(aliased.body).toEqual({
      data: {
        order: { few: expected.map(({ quantity }) => ({ quantity })), all: expected },
      },
    });
  });
});
