/** A minimal distributor for the business tests: one warehouse, two stocked products, a customer. */
import { OdooEmulator } from '../../../../connectors/odoo/emulator/emulator.js';
import type { Env } from '../../../../connectors/odoo/emulator/orm/model-def.js';

export interface Fixture {
  emulator: OdooEmulator;
  env: Env;
  warehouseId: number;
  stockLocationId: number;
  widgetId: number;
  gadgetId: number;
  customerId: number;
  deliveryAddressId: number;
  invoiceAddressId: number;
}

export function setStock(env: Env, productId: number, locationId: number, qty: number): void {
  const quant = env.create('stock.quant', {
    product_id: productId,
    location_id: locationId,
    inventory_quantity: qty,
  });
  env.call('stock.quant', 'action_apply_inventory', [quant], {});
}

export function makeFixture(): Fixture {
  const emulator = new OdooEmulator();
  emulator.setNow('2026-03-02 09:00:00');
  const env = emulator.env();
  env.create('account.tax', { name: '15%', amount: 15, amount_type: 'percent', type_tax_use: 'sale' });
  env.create('account.journal', { name: 'Customer Invoices', code: 'INV', type: 'sale' });
  env.create('account.journal', { name: 'Bank', code: 'BNK1', type: 'bank' });
  env.create('account.payment.term', {
    name: '30 Days',
    line_ids: [[0, 0, { value: 'percent', value_amount: 100, nb_days: 30 }]],
  });
  const warehouseId = env.create('stock.warehouse', { name: 'Chicago', code: 'CHI' });
  const stockLocationId = env.get('stock.warehouse', warehouseId).lot_stock_id as number;
  const product = (name: string, code: string, price: number): number =>
    env.create('product.product', {
      name,
      default_code: code,
      list_price: price,
      standard_price: price / 2,
      type: 'consu',
      is_storable: true,
      invoice_policy: 'delivery',
    });
  const widgetId = product('Widget', 'WID-1', 10);
  const gadgetId = product('Gadget', 'GAD-1', 25);
  setStock(env, widgetId, stockLocationId, 100);
  setStock(env, gadgetId, stockLocationId, 5);
  const customerId = env.create('res.partner', {
    name: 'Acme Foods',
    is_company: true,
    ref: 'C0001',
    customer_rank: 1,
  });
  const deliveryAddressId = env.create('res.partner', {
    name: 'Acme Dock',
    parent_id: customerId,
    type: 'delivery',
  });
  const invoiceAddressId = env.create('res.partner', {
    name: 'Acme AP',
    parent_id: customerId,
    type: 'invoice',
  });
  return {
    emulator,
    env,
    warehouseId,
    stockLocationId,
    widgetId,
    gadgetId,
    customerId,
    deliveryAddressId,
    invoiceAddressId,
  };
}

/** Creates a quotation with (product, qty) lines. */
export function makeOrder(
  f: Fixture,
  lines: [number, number][],
  extra: Record<string, unknown> = {},
): number {
  return f.env.create('sale.order', {
    partner_id: f.customerId,
    warehouse_id: f.warehouseId,
    client_order_ref: 'PO-1',
    order_line: lines.map(([product_id, product_uom_qty]) => [0, 0, { product_id, product_uom_qty }]),
    ...extra,
  });
}
