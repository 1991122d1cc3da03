import { describe, expect, it } from '@jest/globals';
import {
  modelSpec,
  normalizeRecord,
  OdooProtocolError,
  toMoneyString,
  toOdooAmount,
} from '../../../../connectors/odoo/index.js';

describe('toMoneyString', () => {
  it('rounds half-up from the shortest representation of the float', () => {
    expect(toMoneyString(0.1 + 0.2, 2)).toBe('0.30');
    // 2.675 is stored as 2.67499999999999982236431605997495353221893310546875.
    expect(toMoneyString(2.675, 2)).toBe('2.68');
    expect(toMoneyString(1.005, 2)).toBe('1.01');
    expect(toMoneyString(1234.5, 2)).toBe('1234.50');
  });

  it('rounds negative amounts away from zero and drops the sign of zero', () => {
    expect(toMoneyString(-2.675, 2)).toBe('-2.68');
    expect(toMoneyString(-0.001, 2)).toBe('0.00');
  });

  it("uses the currency's precision", () => {
    expect(toMoneyString(1500.5, 0)).toBe('1501');
    expect(toMoneyString(1.2345, 3)).toBe('1.235');
    expect(toMoneyString(12)).toBe('12.00');
  });

  it('carries a rounding through every digit, and reads exponent notation too', () => {
    expect(toMoneyString(0.995, 2)).toBe('1.00');
    expect(toMoneyString(-9.995, 2)).toBe('-10.00');
    expect(toMoneyString(999.9995, 3)).toBe('1000.000');
    expect(toMoneyString(0.5, 0)).toBe('1');
    expect(toMoneyString(5e-7, 2)).toBe('0.00');
    expect(toMoneyString(-5e-7, 6)).toBe('-0.000001');
    expect(toMoneyString(1e21, 2)).toBe('1000000000000000000000.00');
  });

  it('refuses non-finite amounts and converts back for writes', () => {
    expect(() => toMoneyString(Number.NaN)).toThrow(RangeError);
    expect(toOdooAmount('19.99')).toBe(19.99);
  });
});

describe('normalizeRecord', () => {
  const order = {
    id: 42,
    name: 'S00042',
    client_order_ref: false,
    partner_id: [7, 'Deco Addict'],
    warehouse_id: false,
    date_order: '2024-03-05 14:07:09',
    state: 'sale',
    locked: false,
    order_line: [101, 102],
    picking_ids: [],
    amount_total: 2.675,
    amount_tax: -0.001,
    currency_id: [1, 'EUR'],
  };
  const fields = [
    'name',
    'client_order_ref',
    'partner_id',
    'warehouse_id',
    'date_order',
    'state',
    'locked',
    'order_line',
    'picking_ids',
    'amount_total',
    'amount_tax',
  ];

  it('converts false, many2one, datetimes and money, and keeps booleans and x2many lists', () => {
    expect(normalizeRecord(order, { model: 'sale.order', spec: modelSpec('sale.order'), fields })).toEqual({
      id: 42,
      name: 'S00042',
      client_order_ref: null,
      partner_id: { id: 7, name: 'Deco Addict' },
      warehouse_id: null,
      date_order: '2024-03-05T14:07:09Z',
      state: 'sale',
      locked: false,
      order_line: [101, 102],
      picking_ids: [],
      amount_total: '2.68',
      amount_tax: '0.00',
    });
  });

  it('rounds money to the precision of the record currency', () => {
    const yen = { ...order, amount_total: 1500.5, currency_id: [25, 'JPY'] };
    const result = normalizeRecord(yen, {
      model: 'sale.order',
      spec: modelSpec('sale.order'),
      fields: ['amount_total'],
      currencyDecimals: (id) => (id === 25 ? 0 : 2),
    });
    expect(result).toEqual({ id: 42, amount_total: '1501' });
  });

  it('keeps dates as dates', () => {
    const invoice = { id: 3, invoice_date: '2024-02-29', invoice_date_due: false };
    expect(
      normalizeRecord(invoice, {
        model: 'account.move',
        spec: modelSpec('account.move'),
        fields: ['invoice_date', 'invoice_date_due'],
      }),
    ).toEqual({ id: 3, invoice_date: '2024-02-29', invoice_date_due: null });
  });

  it('names the model and field of a wrong-typed value', () => {
    const spec = modelSpec('sale.order');
    expect(() =>
      normalizeRecord({ ...order, locked: 'no' }, { model: 'sale.order', spec, fields: ['locked'] }),
    ).toThrow(OdooProtocolError);
    expect(() =>
      normalizeRecord({ ...order, state: 'shipped' }, { model: 'sale.order', spec, fields: ['state'] }),
    ).toThrow(/sale\.order\.state/);
    expect(() =>
      normalizeRecord(
        { ...order, date_order: '2024-03-05T14:07:09' },
        { model: 'sale.order', spec, fields: ['date_order'] },
      ),
    ).toThrow(/sale\.order\.date_order/);
    expect(() => normalizeRecord({ id: 1 }, { model: 'sale.order', spec, fields: ['name'] })).toThrow(
      /left sale\.order\.name out/,
    );
    expect(() => normalizeRecord({ name: 'x' }, { model: 'sale.order', spec, fields: [] })).toThrow(
      /without an integer id/,
    );
  });
});
