import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Domain } from '../../../connectors/odoo/index.js';
import { toGlobalId } from '../../../schema/canonical/global-id.js';
import { listAll, numbersIn } from './list-support.js';
import { startOrdersHarness, type OrdersHarness } from './harness.js';

let harness: OrdersHarness;

beforeAll(async () => {
  harness = await startOrdersHarness();
});

afterAll(() => harness.close());

const numbers = (domain: Domain) => numbersIn(harness.odoo.client, domain);

describe('Query.orders filters', () => {
  it.each([
    ['CANCELLED', [['state', '=', 'cancel']]],
    ['DRAFT', [['state', '=', 'draft']]],
    ['QUOTATION_SENT', [['state', '=', 'sent']]],
    [
      'COMPLETED',
      [
        ['state', '=', 'sale'],
        ['delivery_status', '=', 'full'],
        ['invoice_status', '=', 'invoiced'],
      ],
    ],
    [
      'CONFIRMED',
      [
        '&',
        ['state', '=', 'sale'],
        '|',
        ['delivery_status', '!=', 'full'],
        ['invoice_status', '!=', 'invoiced'],
      ],
    ],
  ] as [string, Domain][])('status %s', async (status, domain) => {
    const expected = await numbers(domain);
    expect(expected.length).toBeGreaterThan(0);
    expect(await listAll(harness.url, { status: [status] })).toEqual({
      numbers: expected,
      totalCount: expected.length,
    });
  });

  it('customer, date window, and customer reference with statuses', async () => {
    const [sample] = await harness.odoo.client.searchRead('sale.order', {
      domain: [['client_order_ref', '!=', false]],
      fields: ['partner_id', 'date_order', 'client_order_ref'],
      limit: 1,
    });
    const customer = sample!.partner_id!.id;
    expect(await listAll(harness.url, { customerId: toGlobalId('Customer', customer) })).toEqual(
      await numbers([['partner_id', 'child_of', customer]]).then((n) => ({
        numbers: n,
        totalCount: n.length,
      })),
    );
    // A window from the 10th to the 30th oldest order date, both as Odoo stores them and as ISO.
    const dates = (
      await harness.odoo.client.searchRead('sale.order', { fields: ['date_order'], order: 'date_order' })
    ).map((o) => o.date_order!);
    const [after, before] = [dates[10]!, dates[30]!];
    const odoo = (iso: string) => iso.slice(0, 19).replace('T', ' ');
    const inWindow = await numbers([
      ['date_order', '>=', odoo(after)],
      ['date_order', '<', odoo(before)],
    ]);
    expect(inWindow.length).toBeGreaterThan(0);
    expect(await listAll(harness.url, { orderedAfter: after, orderedBefore: before })).toEqual({
      numbers: inWindow,
      totalCount: inWindow.length,
    });
    expect(
      await listAll(harness.url, {
        customerReference: sample!.client_order_ref,
        status: ['CONFIRMED', 'COMPLETED'],
      }),
    ).toEqual(
      await numbers([
        ['client_order_ref', '=', sample!.client_order_ref],
        ['state', '=', 'sale'],
      ]).then((n) => ({ numbers: n, totalCount: n.length })),
    );
  });
});
