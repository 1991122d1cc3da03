import type { DeliveryStatus, InvoicingStatus, OrderStatus } from '../../../schema/canonical/orders.js';
import { and, or, where, type Domain } from '../domain.js';
import { OdooProtocolError } from '../errors.js';

/**
 * Odoo's sale.order states as canonical statuses; the table is in schema/canonical/orders.ts.
 * A confirmed order is COMPLETED only once it is both fully delivered and fully invoiced, which Odoo
 * records in `delivery_status` and `invoice_status` rather than in `state`.
 */
export function orderStatusOf(
  state: string | null,
  deliveryStatus: string | null,
  invoiceStatus: string | null,
): OrderStatus {
  switch (state) {
    case 'draft':
      return 'DRAFT';
    case 'sent':
      return 'QUOTATION_SENT';
    case 'sale':
      return deliveryStatus === 'full' && invoiceStatus === 'invoiced' ? 'COMPLETED' : 'CONFIRMED';
    case 'done':
      return 'COMPLETED';
    case 'cancel':
      return 'CANCELLED';
    default:
      throw offSpec('state', state);
  }
}

export function deliveryStatusOf(value: string | null): DeliveryStatus {
  switch (value) {
    case null:
    case 'pending':
      return 'NOT_DELIVERED';
    case 'started':
      return 'IN_PROGRESS';
    case 'partial':
      return 'PARTIALLY_DELIVERED';
    case 'full':
      return 'DELIVERED';
    default:
      throw offSpec('delivery_status', value);
  }
}

export function invoicingStatusOf(value: string | null): InvoicingStatus {
  switch (value) {
    case null:
    case 'no':
      return 'NOTHING_TO_INVOICE';
    case 'to invoice':
      return 'TO_INVOICE';
    case 'invoiced':
      return 'INVOICED';
    case 'upselling':
      return 'UPSELLING';
    default:
      throw offSpec('invoice_status', value);
  }
}

/** Confirmed orders that are both fully delivered and fully invoiced: COMPLETED, not CONFIRMED. */
const settled: Domain = and(where('delivery_status', '=', 'full'), where('invoice_status', '=', 'invoiced'));

/** The Odoo condition for each canonical status, the inverse of {@link orderStatusOf}. */
const statusDomains: Record<OrderStatus, Domain> = {
  DRAFT: where('state', '=', 'draft'),
  QUOTATION_SENT: where('state', '=', 'sent'),
  CONFIRMED: and(
    where('state', '=', 'sale'),
    or(where('delivery_status', '!=', 'full'), where('invoice_status', '!=', 'invoiced')),
  ),
  COMPLETED: or(where('state', '=', 'done'), and(where('state', '=', 'sale'), settled)),
  CANCELLED: where('state', '=', 'cancel'),
};

/** Orders in any of `statuses`. */
export function statusDomain(statuses: readonly OrderStatus[]): Domain {
  return or(...statuses.map((status) => statusDomains[status]));
}

function offSpec(field: string, value: string | null): OdooProtocolError {
  return new OdooProtocolError(`Odoo returned ${JSON.stringify(value)} for sale.order.${field}`, {
    model: 'sale.order',
  });
}
