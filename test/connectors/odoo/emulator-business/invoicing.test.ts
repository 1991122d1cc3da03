import { describe, expect, it } from '@jest/globals';
import { makeFixture, makeOrder, type Fixture } from './fixture.js';

type Row = Record<string, any>;

function deliveredOrder(f: Fixture): number {
  const term = f.env.search('account.payment.term', [['name', '=', '30 Days']])[0]!;
  const so = makeOrder(
    f,
    [
      [f.widgetId, 10],
      [f.gadgetId, 8],
    ],
    { payment_term_id: term },
  );
  f.env.call('sale.order', 'action_confirm', [so], {});
  const [picking] = f.env.search('stock.picking', [['sale_id', '=', so]]);
  f.env.call('stock.picking', 'button_validate', [picking!], {});
  return so;
}

function invoiceOrders(f: Fixture, orders: number[]): number {
  const wizard = f.env.create('sale.advance.payment.inv', {
    advance_payment_method: 'delivered',
    sale_order_ids: [[6, 0, orders]],
  });
  const action = f.env.call('sale.advance.payment.inv', 'create_invoices', [wizard], {}) as Row;
  expect(action).toMatchObject({ type: 'ir.actions.act_window', res_model: 'account.move' });
  return action.res_id as number;
}

describe('invoicing and payments', () => {
  it('invoices the delivered quantities through the wizard, numbered at posting', () => {
    const f = makeFixture();
    const so = deliveredOrder(f);
    const invoice = invoiceOrders(f, [so]);
    const [draft] = f.env.read(
      'account.move',
      [invoice],
      [
        'name',
        'display_name',
        'state',
        'move_type',
        'invoice_origin',
        'ref',
        'partner_id',
        'amount_untaxed',
        'amount_total',
        'invoice_line_ids',
      ],
    ) as Row[];
    expect(draft).toMatchObject({
      name: '/',
      display_name: `Draft Invoice (* ${invoice})`,
      state: 'draft',
      move_type: 'out_invoice',
      invoice_origin: 'S00001',
      ref: 'PO-1',
    });
    expect(draft!.partner_id[0]).toBe(f.invoiceAddressId);
    expect(draft!.amount_untaxed).toBe(225);
    expect(draft!.amount_total).toBe(258.75);
    const lines = f.env.read('account.move.line', draft!.invoice_line_ids, [
      'quantity',
      'price_unit',
      'price_subtotal',
      'sale_line_ids',
    ]) as Row[];
    expect(lines.map((l) => Number(l.quantity))).toEqual([10, 5]);
    const order = f.env.read('sale.order', [so], ['invoice_ids', 'invoice_status', 'order_line'])[0] as Row;
    expect(order.invoice_ids).toEqual([invoice]);
    expect(order.invoice_status).toBe('no');
    const solines = f.env.read('sale.order.line', order.order_line, [
      'qty_invoiced',
      'qty_to_invoice',
    ]) as Row[];
    expect(solines.map((l) => Number(l.qty_invoiced))).toEqual([10, 5]);
    expect(f.env.call('account.move', 'action_post', [invoice], {})).toBe(false);
    const [posted] = f.env.read(
      'account.move',
      [invoice],
      ['name', 'state', 'invoice_date', 'invoice_date_due', 'amount_residual', 'payment_state'],
    ) as Row[];
    expect(posted).toMatchObject({
      name: 'INV/2026/00001',
      state: 'posted',
      invoice_date: '2026-03-02',
      invoice_date_due: '2026-04-01',
      amount_residual: 258.75,
      payment_state: 'not_paid',
    });
    expect(() => f.env.call('account.move', 'action_post', [invoice], {})).toThrow('is already posted');
  });

  it('refuses to invoice when nothing is delivered', () => {
    const f = makeFixture();
    const so = makeOrder(f, [[f.widgetId, 1]]);
    f.env.call('sale.order', 'action_confirm', [so], {});
    const wizard = f.env.create('sale.advance.payment.inv', { sale_order_ids: [[6, 0, [so]]] });
    expect(() => f.env.call('sale.advance.payment.inv', 'create_invoices', [wizard], {})).toThrow(
      'Cannot create an invoice',
    );
    expect(f.env.search('account.move', [])).toEqual([]);
  });

  it('registers a partial then a full payment through account.payment.register', () => {
    const f = makeFixture();
    const invoice = invoiceOrders(f, [deliveredOrder(f)]);
    f.env.call('account.move', 'action_post', [invoice], {});
    const ctx = f.env.withContext({ active_model: 'account.move', active_ids: [invoice] });
    const first = ctx.create('account.payment.register', { amount: 100, payment_date: '2026-03-10' });
    const action = ctx.call('account.payment.register', 'action_create_payments', [first], {}) as Row;
    expect(action).toMatchObject({ res_model: 'account.payment' });
    expect(f.env.read('account.move', [invoice], ['amount_residual', 'payment_state'])[0]).toMatchObject({
      amount_residual: 158.75,
      payment_state: 'partial',
    });
    const [payment] = f.env.read(
      'account.payment',
      [action.res_id],
      ['name', 'amount', 'date', 'state', 'memo', 'partner_id'],
    ) as Row[];
    expect(payment).toMatchObject({
      name: 'PBNK1/2026/00001',
      amount: 100,
      date: '2026-03-10',
      state: 'in_process',
      memo: 'INV/2026/00001',
    });
    expect(payment!.partner_id[0]).toBe(f.customerId);
    const second = ctx.create('account.payment.register', {});
    expect(ctx.read('account.payment.register', [second], ['amount'])[0]).toMatchObject({ amount: 158.75 });
    ctx.call('account.payment.register', 'action_create_payments', [second], {});
    expect(f.env.read('account.move', [invoice], ['amount_residual', 'payment_state'])[0]).toMatchObject({
      amount_residual: 0,
      payment_state: 'paid',
    });
    const states = f.env.read('account.payment', f.env.search('account.payment', []), ['state']) as Row[];
    expect(states.map((s) => String(s.state))).toEqual(['paid', 'paid']);
  });

  it('refuses a payment on a draft invoice', () => {
    const f = makeFixture();
    const invoice = invoiceOrders(f, [deliveredOrder(f)]);
    const ctx = f.env.withContext({ active_model: 'account.move', active_ids: [invoice] });
    expect(() => ctx.create('account.payment.register', { amount: 10 })).toThrow(
      'You can only register payment for posted journal entries.',
    );
  });
});
