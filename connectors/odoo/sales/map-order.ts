import { partialRecords } from '../partial-record.js';
import type { MoneyShape } from '../../../platform/graphql/create-subgraph-builder.js';
import type { Order } from '../../../schema/canonical/orders.js';
import { OdooProtocolError } from '../errors.js';
import type { Many2One } from '../field-spec.js';
import type { OdooRecord } from '../models.js';
import { deliveryStatusOf, invoicingStatusOf, orderStatusOf } from './order-status.js';

/** The sale.order fields an Order is made of (the client adds `currency_id` for the amounts). */
export const ORDER_FIELDS = [
  'name',
  'partner_id',
  'partner_invoice_id',
  'partner_shipping_id',
  'client_order_ref',
  'date_order',
  'state',
  'delivery_status',
  'invoice_status',
  'amount_untaxed',
  'amount_tax',
  'amount_total',
  'currency_id',
  'write_date',
] as const;

export type OrderRecord = OdooRecord<'sale.order', (typeof ORDER_FIELDS)[number]>;

/** The sale.order fields of an order read for a list showing its number, statuses and date only. */
export const LISTED_ORDER_FIELDS = [
  'name',
  'partner_id',
  'date_order',
  'state',
  'delivery_status',
  'invoice_status',
] as const;

export type ListedOrderRecord = OdooRecord<'sale.order', (typeof LISTED_ORDER_FIELDS)[number]>;

/** A money field with its record's currency; Odoo names a currency by its ISO code. */
export function money(amount: string | null, currency: Many2One | null, model: string): MoneyShape {
  if (currency === null) throw new OdooProtocolError(`A ${model} record has no currency`, { model });
  return { amount: amount ?? '0.00', currency: currency.name };
}

/** A field Odoo requires on every sale order; its absence means the answer is not Odoo's. */
function required<T>(value: T | null, field: string, id: number): T {
  if (value === null)
    throw new OdooProtocolError(`sale.order ${id} has no ${field}`, { model: 'sale.order' });
  return value;
}

export function toOrder(record: OrderRecord): Order {
  const currency = record.currency_id;
  return {
    rowId: record.id,
    number: required(record.name, 'name', record.id),
    customerReference: record.client_order_ref,
    status: orderStatusOf(record.state, record.delivery_status, record.invoice_status),
    deliveryStatus: deliveryStatusOf(record.delivery_status),
    invoicingStatus: invoicingStatusOf(record.invoice_status),
    orderedAt: required(record.date_order, 'date_order', record.id),
    customerRowId: required(record.partner_id, 'partner_id', record.id).id,
    shippingAddressRowId: record.partner_shipping_id?.id ?? null,
    invoiceAddressRowId: record.partner_invoice_id?.id ?? null,
    totals: {
      untaxed: money(record.amount_untaxed, currency, 'sale.order'),
      tax: money(record.amount_tax, currency, 'sale.order'),
      total: money(record.amount_total, currency, 'sale.order'),
    },
    updatedAt: required(record.write_date, 'write_date', record.id),
  };
}

/** Order fields {@link toListedOrder} does not fill. */
const unlistedFields = [
  'customerReference',
  'shippingAddressRowId',
  'invoiceAddressRowId',
  'totals',
  'updatedAt',
] as const satisfies readonly (keyof Order)[];

const listedOrder = partialRecords<Order, (typeof unlistedFields)[number]>(
  'Order',
  unlistedFields,
  'order read for a list',
);

/** An order read with {@link LISTED_ORDER_FIELDS} only; its other fields throw when read. */
export function toListedOrder(record: ListedOrderRecord): Order {
  return listedOrder({
    rowId: record.id,
    number: required(record.name, 'name', record.id),
    status: orderStatusOf(record.state, record.delivery_status, record.invoice_status),
    deliveryStatus: deliveryStatusOf(record.delivery_status),
    invoicingStatus: invoicingStatusOf(record.invoice_status),
    orderedAt: required(record.date_order, 'date_order', record.id),
    customerRowId: required(record.partner_id, 'partner_id', record.id).id,
  });
}
