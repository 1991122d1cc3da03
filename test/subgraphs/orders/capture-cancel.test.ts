/** cancelOrder: a partner cancels its own open orders; shipped ones are refused as a business outcome. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { partnerPrincipal, postAs } from '../../support/graphql.js';
import {
  CANCEL,
  CAPTURE,
  customerWithoutLimit,
  deliveryAddressId,
  productsInStock,
  startCaptureFixture,
  type CaptureFixture,
} from './capture-support.js';

let fixture: CaptureFixture;
let tenant: number;

beforeAll(async () => {
  fixture = await startCaptureFixture();
  tenant = await customerWithoutLimit(fixture.odoo.client, 9);
});

afterAll(() => fixture.close());

async function captureOne(): Promise<{ number: string; id: number }> {
  const [sku] = await productsInStock(fixture.odoo.client, 5, 1);
  const response = await postAs(fixture.subgraph.url, partnerPrincipal(tenant), CAPTURE, {
    key: randomUUID(),
    input: {
      customerReference: `PO-${randomUUID()}`,
      lines: [{ sku, quantity: '1' }],
      shipTo: { addressId: await deliveryAddressId(fixture.odoo.client, tenant) },
    },
  });
  const number = response.body.data.captureOrder.outcome.order.number as string;
  const [order] = await fixture.odoo.client.searchRead('sale.order', {
    domain: [['name', '=', number]],
    fields: ['name'],
  });
  return { number, id: order!.id };
}

const cancel = (number: string, principal = partnerPrincipal(tenant)) =>
  postAs(fixture.subgraph.url, principal, CANCEL, { number, reason: 'Ordered twice <oops>' });

describe('cancelOrder', () => {
  it('cancels a confirmed order, releasing its delivery, and says so again without doing anything', async () => {
    const { number, id } = await captureOne();
    await fixture.odoo.client.callMethod('sale.order', 'action_confirm', { ids: [id] });
    const response = await cancel(number);
    expect(response.body).toEqual({
      data: {
        cancelOrder: {
          __typename: 'OrderCancelled',
          alreadyCancelled: false,
          order: { number, status: 'CANCELLED' },
        },
      },
    });
    const [order] = await fixture.odoo.client.read('sale.order', [id], ['picking_ids']);
    const pickings = await fixture.odoo.client.read('stock.picking', order!.picking_ids, ['state']);
    expect(pickings.map((p) => p.state)).toEqual(pickings.map(() => 'cancel'));
    const [noted] = (await fixture.odoo.client.callMethod('sale.order', 'read', {
      ids: [id],
      kwargs: { fields: ['note'] },
    })) as { note: string }[];
    expect(noted!.note).toContain('<p>Cancelled through the API: Ordered twice &lt;oops&gt;</p>');
    const again = await cancel(number);
    expect(again.body.data.cancelOrder).toEqual({
      __typename: 'OrderCancelled',
      alreadyCancelled: true,
      order: { number, status: 'CANCELLED' },
    });
  });

  it('refuses to cancel an order whose goods have left, leaving it as it is', async () => {
    const [picking] = await fixture.odoo.client.searchRead('stock.picking', {
      domain: [
        ['state', '=', 'done'],
        ['origin', '!=', false],
      ],
      fields: ['origin'],
      limit: 1,
    });
    const [order] = await fixture.odoo.client.searchRead('sale.order', {
      domain: [['name', '=', picking!.origin!]],
      fields: ['name', 'partner_id', 'state'],
    });
    const response = await cancel(order!.name!, partnerPrincipal(order!.partner_id!.id));
    expect(response.body.data.cancelOrder).toEqual({
      __typename: 'OrderNotCancellable',
      reason: 'SHIPPED',
      order: { number: order!.name, status: expect.not.stringMatching('CANCELLED') },
    });
    const [after] = await fixture.odoo.client.read('sale.order', [order!.id], ['state']);
    expect(after!.state).toBe(order!.state);
  });

  it("answers NOT_FOUND for another tenant's order, which stays as it is", async () => {
    const { number, id } = await captureOne();
    const other = await customerWithoutLimit(fixture.odoo.client, 10);
    const response = await cancel(number, partnerPrincipal(other));
    expect(response.body).toEqual({
      data: null,
      errors: [
        {
          message: `No order ${number}.`,
          locations: [{ line: 2, column: 3 }],
          path: ['cancelOrder'],
          extensions: { code: 'NOT_FOUND' },
        },
      ],
    });
    const [order] = await fixture.odoo.client.read('sale.order', [id], ['state']);
    expect(order!.state).toBe('draft');
  });
});
