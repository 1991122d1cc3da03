import type { OrderLine } from '../../../schema/canonical/orders.js';
import { OdooProtocolError } from '../errors.js';
import type { OdooRecord } from '../models.js';
import { toDecimalString } from '../quantity.js';
import { money } from './map-order.js';

/** The sale.order.line fields an OrderLine is made of. */
export const ORDER_LINE_FIELDS = [
  'order_id',
  'product_id',
  'name',
  'product_uom_qty',
  'qty_delivered',
  'qty_invoiced',
  'price_unit',
  'discount',
  'price_subtotal',
  'price_total',
  'currency_id',
] as const;

export type OrderLineRecord = OdooRecord<'sale.order.line', (typeof ORDER_LINE_FIELDS)[number]>;

const MODEL = 'sale.order.line';

export function toOrderLine(record: OrderLineRecord): OrderLine {
  if (record.order_id === null)
    throw new OdooProtocolError(`${MODEL} ${record.id} belongs to no order`, { model: MODEL });
  const currency = record.currency_id;
  return {
    rowId: record.id,
    orderRowId: record.order_id.id,
    productRowId: record.product_id?.id ?? null,
    description: record.name,
    orderedQuantity: toDecimalString(record.product_uom_qty ?? 0),
    deliveredQuantity: toDecimalString(record.qty_delivered ?? 0),
    invoicedQuantity: toDecimalString(record.qty_invoiced ?? 0),
    unitPrice: money(record.price_unit, currency, MODEL),
    // Odoo's discount is a percentage with two decimals ("Discount" decimal precision).
    discountPercent: toDecimalString(record.discount ?? 0, 2),
    subtotal: money(record.price_subtotal, currency, MODEL),
    total: money(record.price_total, currency, MODEL),
  };
}
