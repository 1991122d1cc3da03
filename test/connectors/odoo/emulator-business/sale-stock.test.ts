import { describe, expect, it } from '@jest/globals';
import { makeFixture, makeOrder, setStock } from './fixture.js';

type Row = Record<string, any>;

describe('sale order confirmation and deliveries', () => {
  it('confirm reserves stock and creates an assigned outgoing picking', () => {
    const f = makeFixture();
    const so = makeOrder(f, [[f.widgetId, 10]]);
    const [draft] = f.env.read(
      'sale.order',
      [so],
      ['name', 'state', 'amount_untaxed', 'amount_tax', 'amount_total'],
    ) as Row[];
    expect(draft).toMatchObject({
      name: 'S00001',
      state: 'draft',
      amount_untaxed: 100,
      amount_tax: 15,
      amount_total: 115,
    });
    expect(f.env.call('sale.order', 'action_confirm', [so], {})).toBe(true);
    const [order] = f.env.read(
      'sale.order',
      [so],
      ['state', 'picking_ids', 'delivery_status', 'partner_shipping_id'],
    ) as Row[];
    expect(order!.state).toBe('sale');
    expect(order!.delivery_status).toBe('pending');
    expect(order!.partner_shipping_id[0]).toBe(f.deliveryAddressId);
    const [picking] = f.env.read('stock.picking', order!.picking_ids, [
      'name',
      'state',
      'origin',
      'picking_type_code',
      'partner_id',
    ]) as Row[];
    expect(picking).toMatchObject({
      name: 'CHI/OUT/00001',
      state: 'assigned',
      origin: 'S00001',
      picking_type_code: 'outgoing',
    });
    const [quant] = f.env.read(
      'stock.quant',
      f.env.search('stock.quant', [['product_id', '=', f.widgetId]]),
      ['quantity', 'reserved_quantity'],
    ) as Row[];
    expect(quant).toMatchObject({ quantity: 100, reserved_quantity: 10 });
  });

  it('short stock gives a confirmed picking, partial stock a ready one with a partially available move', () => {
    const f = makeFixture();
    const none = f.env.create('product.product', { name: 'Rare', type: 'consu', is_storable: true });
    const empty = makeOrder(f, [[none, 3]]);
    f.env.call('sale.order', 'action_confirm', [empty], {});
    const [p1] = f.env.read('stock.picking', f.env.search('stock.picking', [['sale_id', '=', empty]]), [
      'state',
    ]) as Row[];
    expect(p1!.state).toBe('confirmed');
    const partial = makeOrder(f, [[f.gadgetId, 8]]);
    f.env.call('sale.order', 'action_confirm', [partial], {});
    const pickings = f.env.search('stock.picking', [['sale_id', '=', partial]]);
    const [p2] = f.env.read('stock.picking', pickings, ['state', 'move_ids']) as Row[];
    expect(p2!.state).toBe('assigned');
    const [move] = f.env.read('stock.move', p2!.move_ids, ['state', 'quantity', 'product_uom_qty']) as Row[];
    expect(move).toMatchObject({ state: 'partially_available', quantity: 5, product_uom_qty: 8 });
  });

  it('cancel asks for the wizard, then releases reservations and cancels the picking', () => {
    const f = makeFixture();
    const so = makeOrder(f, [[f.widgetId, 10]]);
    f.env.call('sale.order', 'action_confirm', [so], {});
    const action = f.env.call('sale.order', 'action_cancel', [so], {}) as Row;
    expect(action).toMatchObject({ type: 'ir.actions.act_window', res_model: 'sale.order.cancel' });
    expect(f.env.get('sale.order', so).state).toBe('sale');
    const wizard = f.env.create('sale.order.cancel', { order_id: so });
    f.env.call('sale.order.cancel', 'action_cancel', [wizard], {});
    expect(f.env.get('sale.order', so).state).toBe('cancel');
    const [picking] = f.env.read('stock.picking', f.env.search('stock.picking', [['sale_id', '=', so]]), [
      'state',
    ]) as Row[];
    expect(picking!.state).toBe('cancel');
    const [widget] = f.env
      .withContext({ warehouse: f.warehouseId })
      .read('product.product', [f.widgetId], ['free_qty', 'outgoing_qty']) as Row[];
    expect(widget).toMatchObject({ free_qty: 100, outgoing_qty: 0 });
  });

  it('a refused business call changes nothing', () => {
    const f = makeFixture();
    const so = makeOrder(f, [[f.widgetId, 10]]);
    f.env.withContext({ disable_cancel_warning: true }).call('sale.order', 'action_cancel', [so], {});
    const before = f.env.get('sale.order', so);
    const pickingsBefore = f.env.search('stock.picking', []);
    expect(() => f.env.call('sale.order', 'action_confirm', [so], {})).toThrow(
      'Some orders are not in a state requiring confirmation.',
    );
    expect(f.env.get('sale.order', so)).toEqual(before);
    expect(f.env.search('stock.picking', [])).toEqual(pickingsBefore);
  });

  it('validate decrements stock, sets qty_delivered and leaves a backorder for what was short', () => {
    const f = makeFixture();
    const so = makeOrder(f, [
      [f.widgetId, 10],
      [f.gadgetId, 8],
    ]);
    f.env.call('sale.order', 'action_confirm', [so], {});
    const [picking] = f.env.search('stock.picking', [['sale_id', '=', so]]);
    expect(f.env.call('stock.picking', 'button_validate', [picking!], {})).toBe(true);
    const pickings = f.env.read(
      'stock.picking',
      f.env.search('stock.picking', [['sale_id', '=', so]], { order: 'id' }),
      ['name', 'state', 'backorder_id', 'date_done'],
    ) as Row[];
    expect(pickings[0]).toMatchObject({
      name: 'CHI/OUT/00001',
      state: 'done',
      date_done: '2026-03-02 09:00:00',
    });
    expect(pickings[1]).toMatchObject({
      name: 'CHI/OUT/00002',
      state: 'confirmed',
      backorder_id: [picking, 'CHI/OUT/00001'],
    });
    const lines = f.env.read(
      'sale.order.line',
      f.env.search('sale.order.line', [['order_id', '=', so]], { order: 'id' }),
      ['qty_delivered'],
    ) as Row[];
    expect(lines.map((l) => Number(l.qty_delivered))).toEqual([10, 5]);
    const products = f.env
      .withContext({ warehouse: f.warehouseId })
      .read(
        'product.product',
        [f.widgetId, f.gadgetId],
        ['qty_available', 'outgoing_qty', 'virtual_available'],
      ) as Row[];
    expect(products[0]).toMatchObject({ qty_available: 90, outgoing_qty: 0 });
    expect(products[1]).toMatchObject({ qty_available: 0, outgoing_qty: 3, virtual_available: -3 });
    expect(f.env.get('sale.order', so).delivery_status).toBe('partial');
    setStock(f.env, f.gadgetId, f.stockLocationId, 10);
    f.env.call('stock.picking', 'action_assign', [pickings[1]!.id], {});
    f.env.call('stock.picking', 'button_validate', [pickings[1]!.id], {});
    expect(f.env.get('sale.order', so).delivery_status).toBe('full');
  });

  it('a short pick written on a move gives the rest back to stock and backorders it', () => {
    const f = makeFixture();
    const so = makeOrder(f, [[f.widgetId, 10]]);
    f.env.call('sale.order', 'action_confirm', [so], {});
    const [picking] = f.env.search('stock.picking', [['sale_id', '=', so]]);
    const [move] = f.env.search('stock.move', [['picking_id', '=', picking!]]);
    f.env.write('stock.move', [move!], { quantity: 4 });
    const [quant] = f.env.search('stock.quant', [['product_id', '=', f.widgetId]]);
    expect(f.env.get('stock.quant', quant!).reserved_quantity).toBe(4);
    f.env.call('stock.picking', 'button_validate', [picking!], {});
    expect(f.env.get('stock.quant', quant!)).toMatchObject({ quantity: 96, reserved_quantity: 6 });
    const backorder = f.env.search('stock.picking', [['backorder_id', '=', picking!]]);
    expect(f.env.read('stock.picking', backorder, ['state'])[0]).toMatchObject({ state: 'assigned' });
  });

  it('stock figures honour the warehouse and location context', () => {
    const f = makeFixture();
    const dallas = f.env.create('stock.warehouse', { name: 'Dallas', code: 'DAL' });
    const dallasStock = f.env.get('stock.warehouse', dallas).lot_stock_id as number;
    setStock(f.env, f.widgetId, dallasStock, 7);
    const qty = (ctx: Record<string, unknown>): number =>
      (f.env.withContext(ctx).read('product.product', [f.widgetId], ['qty_available'])[0] as Row)
        .qty_available as number;
    expect(qty({})).toBe(107);
    expect(qty({ warehouse: dallas })).toBe(7);
    expect(qty({ warehouse: f.warehouseId })).toBe(100);
    expect(qty({ location: dallasStock })).toBe(7);
  });
});
