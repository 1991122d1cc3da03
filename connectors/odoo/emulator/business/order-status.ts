/**
 * The figures Odoo stores on a sale order and recomputes when its lines, deliveries or invoices change:
 * amounts (sale/models/sale_order.py `_compute_amounts`), `invoice_status` (`_compute_invoice_status` of
 * order and line) and `delivery_status` (sale_stock `_compute_delivery_status`). Business operations call
 * `refreshOrder` after each change; values are written only when they differ, so write_date moves only
 * when something a client can see did.
 */
import type { Env, StoredRecord } from '../orm/model-def.js';
import { lineAmounts, sumAmounts } from './amounts.js';
import { children, m2o, num, qtyIsZero, str } from './values.js';

function product(env: Env, line: StoredRecord): StoredRecord | null {
  const id = m2o(line.product_id);
  return id ? env.get('product.product', id) : null;
}

function orderState(env: Env, line: StoredRecord): string {
  const orderId = m2o(line.order_id);
  return orderId ? str(env.get('sale.order', orderId).state) : 'draft';
}

/** sale.order.line `qty_to_invoice`: ordered or delivered (by invoice policy) minus invoiced. */
export function qtyToInvoice(env: Env, line: StoredRecord): number {
  if (orderState(env, line) !== 'sale' || line.display_type) return 0;
  const prod = product(env, line);
  if (prod && prod.type === 'combo') return 0;
  const base = prod?.invoice_policy === 'delivery' ? num(line.qty_delivered) : num(line.product_uom_qty);
  return Number((base - num(line.qty_invoiced)).toFixed(4));
}

/** sale.order.line `invoice_status`. */
export function lineInvoiceStatus(env: Env, line: StoredRecord): string {
  if (orderState(env, line) !== 'sale') return 'no';
  if (!qtyIsZero(qtyToInvoice(env, line))) return 'to invoice';
  const prod = product(env, line);
  const ordered = num(line.product_uom_qty);
  if (prod?.invoice_policy === 'order' && ordered >= 0 && num(line.qty_delivered) - ordered > 0.005) {
    return 'upselling';
  }
  if (num(line.qty_invoiced) - ordered > -0.005) return 'invoiced';
  return 'no';
}

function orderInvoiceStatus(env: Env, order: StoredRecord, lines: StoredRecord[]): string {
  if (order.state !== 'sale') return 'no';
  const statuses = lines
    .filter((l) => !l.display_type && !l.is_downpayment)
    .map((l) => lineInvoiceStatus(env, l));
  if (statuses.includes('to invoice')) return 'to invoice';
  if (statuses.length > 0 && statuses.every((s) => s === 'invoiced')) return 'invoiced';
  if (statuses.length > 0 && statuses.every((s) => s === 'invoiced' || s === 'upselling')) return 'upselling';
  return 'no';
}

function deliveryStatus(env: Env, order: StoredRecord, lines: StoredRecord[]): string | false {
  const states = children(env, 'sale.order', order.id, 'picking_ids').map((id) =>
    str(env.get('stock.picking', id).state),
  );
  if (states.length === 0 || states.every((s) => s === 'cancel')) return false;
  if (states.every((s) => s === 'done' || s === 'cancel')) return 'full';
  const anyDone = states.includes('done');
  if (anyDone && lines.some((l) => num(l.qty_delivered) > 0)) return 'partial';
  if (anyDone) return 'started';
  return 'pending';
}

/** Recomputes and stores an order's amounts, invoice_status and delivery_status. */
export function refreshOrder(env: Env, orderId: number): void {
  const order = env.get('sale.order', orderId);
  const lines = children(env, 'sale.order', orderId, 'order_line').map((id) =>
    env.get('sale.order.line', id),
  );
  const totals = sumAmounts(lines.map((l) => lineAmounts(env, l, 'product_uom_qty')));
  const next: Record<string, unknown> = {
    amount_untaxed: totals.untaxed,
    amount_tax: totals.tax,
    amount_total: totals.total,
    invoice_status: orderInvoiceStatus(env, order, lines),
    delivery_status: deliveryStatus(env, order, lines),
  };
  const changed = Object.fromEntries(Object.entries(next).filter(([k, v]) => order[k] !== v));
  if (Object.keys(changed).length > 0) env.write('sale.order', [orderId], changed);
}
