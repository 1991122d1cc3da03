import { partialRecords } from '../partial-record.js';
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

/** The fields of a line read for what was ordered only: its product and ordered quantity. */
export const ORDERED_LINE_FIELDS = ['order_id', 'product_id', 'product_uom_qty'] as const;

export type OrderLineRecord = OdooRecord<'sale.order.line', (typeof ORDER_LINE_FIELDS)[number]>;
export type OrderedLineRecord = OdooRecord<'sale.order.line', (typeof ORDERED_LINE_FIELDS)[number]>;

const MODEL = 'sale.order.line';

function orderRowIdOf(record: OrderedLineRecord): number {
  if (record.order_id === null)
    throw new OdooProtocolError(`${MODEL} ${record.id} belongs to no order`, { model: MODEL });
  return record.order_id.id;
}

export function toOrderLine(record: OrderLineRecord): OrderLine {
  const currency = record.currency_id;
  return {
    rowId: record.id,
    orderRowId: orderRowIdOf(record),
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

/** The OrderLine fields {@link toOrderedLine} does not fill. */
const unreadFields = [
  'description',
  'deliveredQuantity',
  'invoicedQuantity',
  'unitPrice',
  'discountPercent',
  'subtotal',
  'total',
] as const satisfies readonly (keyof OrderLine)[];

const orderedLine = partialRecords<OrderLine, (typeof unreadFields)[number]>(
  'OrderLine',
  unreadFields,
  'line read for its ordered quantity',
);

/**
 * A line read with {@link ORDERED_LINE_FIELDS} only, for a request that wants no more of it than its
 * product and ordered quantity; its other fields throw when read.
 */
export function toOrderedLine(record: OrderedLineRecord): OrderLine {
  return orderedLine({
    rowId: record.id,
    orderRowId: orderRowIdOf(record),
    productRowId: record.product_id?.id ?? null,
    orderedQuantity: toDecimalString(record.product_uom_qty ?? 0),
  });
}
