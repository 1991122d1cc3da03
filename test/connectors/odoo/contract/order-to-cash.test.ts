/**
 * The connector drives the emulated Odoo's order-to-cash flow through the same public methods and
 * wizards a real integration uses, over both protocols, and reads every model it knows with all the
 * fields it knows: a field the connector asks for that Odoo does not have fails here, not in production.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { odooModels, where, type OdooModelName } from '../../../../connectors/odoo/index.js';
import { startContractHarness, type ContractHarness, type Protocol } from './harness.js';

describe.each<Protocol>(['json2', 'jsonrpc'])(
  'Odoo order to cash through the connector over %s',
  (protocol) => {
    let h: ContractHarness;

    beforeAll(async () => {
      h = await startContractHarness(protocol, { demo: { scale: 0.25, seed: 3 } });
    });
    afterAll(() => h.close());

    it.each(Object.keys(odooModels) as OdooModelName[])(
      'reads %s with every field the connector knows',
      async (model) => {
        const records = await h.client.searchRead(model, { limit: 3 });
        expect(records.length).toBeGreaterThan(0);
        for (const record of records)
          expect(Object.keys(record).sort()).toEqual(['id', ...Object.keys(odooModels[model])].sort());
      },
    );

    it('captures, confirms, delivers, invoices and collects an order', async () => {
      const c = h.client;
      const [warehouse] = await c.searchRead('stock.warehouse', {
        fields: ['name', 'lot_stock_id'],
        limit: 1,
        order: 'id',
      });
      const context = { warehouse: warehouse!.id };
      const [product] = await c.searchRead('product.product', {
        domain: where('is_storable', '=', true),
        fields: ['default_code', 'list_price', 'free_qty'],
        context,
        order: 'free_qty desc',
        limit: 1,
      });
      expect(product!.free_qty).toBeGreaterThanOrEqual(3);
      const [customer] = await c.searchRead('res.partner', {
        domain: where('customer_rank', '>', 0),
        fields: ['name', 'child_ids'],
        limit: 1,
        order: 'id',
      });
      const reference = `PO-${protocol}-1`;
      const [orderId] = await c.create('sale.order', [
        {
          partner_id: customer!.id,
          client_order_ref: reference,
          warehouse_id: warehouse!.id,
          order_line: [[0, 0, { product_id: product!.id, product_uom_qty: 3 }]],
        },
      ]);
      await c.callMethod('sale.order', 'action_confirm', { ids: [orderId!] });

      const [order] = await c.read(
        'sale.order',
        [orderId!],
        ['name', 'state', 'amount_untaxed', 'amount_total', 'picking_ids', 'client_order_ref'],
      );
      expect(order).toMatchObject({
        state: 'sale',
        client_order_ref: reference,
        name: expect.stringMatching(/^S\d{5}$/),
      });
      expect(order!.amount_untaxed).toMatch(/^\d+\.\d{2}$/);
      expect(Number(order!.amount_untaxed)).toBeCloseTo(3 * Number(product!.list_price), 2);

      const [afterConfirm] = await c.read('product.product', [product!.id], ['free_qty'], context);
      expect(afterConfirm!.free_qty).toBe(product!.free_qty! - 3);

      const [picking] = await c.read('stock.picking', order!.picking_ids, ['state', 'origin']);
      expect(picking).toMatchObject({ state: 'assigned', origin: order!.name });
      await c.callMethod('stock.picking', 'button_validate', { ids: [picking!.id] });
      const [delivered] = await c.read('stock.picking', [picking!.id], ['state', 'date_done']);
      expect(delivered).toMatchObject({ state: 'done', date_done: expect.stringMatching(/Z$/) });

      const [wizard] = await c.create('sale.advance.payment.inv', [
        { advance_payment_method: 'delivered', sale_order_ids: [[6, 0, [orderId!]]] },
      ]);
      const action = (await c.callMethod('sale.advance.payment.inv', 'create_invoices', {
        ids: [wizard!],
      })) as { res_id: number };
      await c.callMethod('account.move', 'action_post', { ids: [action.res_id] });
      const [invoice] = await c.read(
        'account.move',
        [action.res_id],
        ['name', 'state', 'payment_state', 'amount_total', 'amount_residual', 'invoice_origin'],
      );
      expect(invoice).toMatchObject({
        state: 'posted',
        payment_state: 'not_paid',
        invoice_origin: order!.name,
      });
      expect(invoice!.amount_total).toBe(order!.amount_total);
      expect(invoice!.amount_residual).toBe(order!.amount_total);

      const paymentContext = { active_model: 'account.move', active_ids: [action.res_id] };
      const [register] = await c.create('account.payment.register', [{}], { context: paymentContext });
      await c.callMethod('account.payment.register', 'action_create_payments', {
        ids: [register!],
        context: paymentContext,
      });
      const [paid] = await c.read('account.move', [action.res_id], ['payment_state', 'amount_residual']);
      expect(paid).toEqual({ id: action.res_id, payment_state: 'paid', amount_residual: '0.00' });
      const [final] = await c.read(
        'sale.order',
        [orderId!],
        ['invoice_status', 'delivery_status', 'invoice_ids'],
      );
      expect(final).toEqual({
        id: orderId,
        invoice_status: 'invoiced',
        delivery_status: 'full',
        invoice_ids: [action.res_id],
      });
    });

    it('refuses to confirm a cancelled order with a validation error, and the order stays cancelled', async () => {
      const [order] = await h.client.searchRead('sale.order', {
        domain: where('state', '=', 'cancel'),
        fields: ['name'],
        limit: 1,
      });
      await expect(
        h.client.callMethod('sale.order', 'action_confirm', { ids: [order!.id] }),
      ).rejects.toMatchObject({
        code: 'ODOO_VALIDATION',
        odooName: 'odoo.exceptions.UserError',
      });
      const [after] = await h.client.read('sale.order', [order!.id], ['state']);
      expect(after!.state).toBe('cancel');
    });
  },
);
