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
