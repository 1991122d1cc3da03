import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../../schema/canonical/global-id.js';
import { internalPrincipal, partnerPrincipal, postAs } from '../../support/graphql.js';
import { readMoves, startInvoicingHarness, type InvoicingHarness, type MoveRow } from './harness.js';

/**
 * Credit notes, invoices reset to draft and cancelled ones: states the demo history does not hold,
 * made here through Odoo's public methods on a harness of their own (they change the data).
 */
describe('invoicing subgraph across the invoice life cycle', () => {
  let h: InvoicingHarness;
  let customer: number;
  let drafted: MoveRow;
  let cancelled: MoveRow;
  let refund: MoveRow;
  const query = `query ($n: String!) { invoice(number: $n) { number kind status paymentStatus amountDue { amount } } }`;

  beforeAll(async () => {
    h = await startInvoicingHarness({ scale: 0.25, seed: 3 });
    const unpaid = await readMoves(h.odoo, [
      ['state', '=', 'posted'],
      ['payment_state', '=', 'not_paid'],
    ]);
    customer = unpaid[0]!.commercialPartnerId;
    const [first, second] = unpaid.filter((m) => m.commercialPartnerId === customer);
    const [refundId] = await h.odoo.client.create('account.move', [
      {
        move_type: 'out_refund',
        partner_id: customer,
        invoice_line_ids: [[0, 0, { name: 'Damaged goods returned', quantity: 1, price_unit: 40 }]],
      },
    ]);
    await h.odoo.client.callMethod('account.move', 'action_post', { ids: [refundId!] });
    await h.odoo.client.callMethod('account.move', 'button_draft', { ids: [first!.id] });
    if (second) await h.odoo.client.callMethod('account.move', 'button_cancel', { ids: [second.id] });
    const moves = await readMoves(h.odoo);
    const byId = (id: number) => moves.find((m) => m.id === id)!;
    [drafted, refund] = [byId(first!.id), byId(refundId!)];
    cancelled = second ? byId(second.id) : refund;
  });
  afterAll(() => h.close());

  it('shows credit notes, numbered drafts and cancelled invoices to internal callers', async () => {
    const ask = (n: string) => postAs(h.url, internalPrincipal, query, { n });
    expect((await ask(refund.name!)).body.data.invoice).toEqual({
      number: refund.name,
      kind: 'CREDIT_NOTE',
      status: 'POSTED',
      paymentStatus: 'NOT_PAID',
      amountDue: { amount: refund.amount_residual },
    });
    expect((await ask(drafted.name!)).body.data.invoice).toMatchObject({ status: 'DRAFT' });
    expect((await ask(cancelled.name!)).body.data.invoice).toMatchObject({ status: 'CANCELLED' });
  });

  it('hides drafts from partners but shows their cancelled invoices', async () => {
    const ask = (n: string) => postAs(h.url, partnerPrincipal(customer), query, { n });
    expect((await ask(drafted.name!)).body).toEqual({ data: { invoice: null } });
    expect((await ask(cancelled.name!)).body.data.invoice).toMatchObject({ status: 'CANCELLED' });
    const drafts = await postAs(
      h.url,
      partnerPrincipal(customer),
      '{ invoices(filter: { status: [DRAFT] }) { totalCount } }',
    );
    expect(drafts.body).toEqual({ data: { invoices: { totalCount: 0 } } });
  });

  it('nets open credit notes against the balance', async () => {
    const open = (await readMoves(h.odoo, [['state', '=', 'posted']])).filter(
      (m) =>
        m.commercialPartnerId === customer &&
        (m.payment_state === 'not_paid' || m.payment_state === 'partial'),
    );
    const cents = open.reduce(
      (sum, m) => sum + Math.round(Number(m.amount_residual) * 100) * (m.move_type === 'out_refund' ? -1 : 1),
      0,
    );
    const response = await postAs(
      h.url,
      internalPrincipal,
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { balance { amount currency } } } }`,
      { r: [{ __typename: 'Customer', id: toGlobalId('Customer', customer) }] },
    );
    expect(response.body).toEqual({
      data: { _entities: [{ balance: { amount: (cents / 100).toFixed(2), currency: 'USD' } }] },
    });
  });
});
