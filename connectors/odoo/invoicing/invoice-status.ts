import type { InvoiceKind, InvoiceStatus, PaymentStatus } from '../../../schema/canonical/invoicing.js';
import { OdooProtocolError } from '../errors.js';

/**
 * Odoo's account.move values as canonical enums, and back; the mapping table is in
 * schema/canonical/invoicing.ts. Each record holds the inverse, so a filter on a canonical value
 * matches exactly the records that read as that value.
 */
const KINDS = { out_invoice: 'INVOICE', out_refund: 'CREDIT_NOTE' } as const satisfies Record<
  string,
  InvoiceKind
>;

const STATUSES = { draft: 'DRAFT', posted: 'POSTED', cancel: 'CANCELLED' } as const satisfies Record<
  string,
  InvoiceStatus
>;

const PAYMENT_STATUSES = {
  not_paid: 'NOT_PAID',
  partial: 'PARTIALLY_PAID',
  in_payment: 'IN_PAYMENT',
  paid: 'PAID',
  reversed: 'REVERSED',
  invoicing_legacy: 'PAID',
  blocked: 'BLOCKED',
} as const satisfies Record<string, PaymentStatus>;

/** The move types that are customer invoices or credit notes: the only ones the graph shows. */
export const CUSTOMER_MOVE_TYPES = Object.keys(KINDS);

function lookUp<T>(table: Record<string, T>, field: string, value: string | null): T {
  const found = value === null ? undefined : table[value];
  if (found === undefined)
    throw new OdooProtocolError(`Odoo returned ${JSON.stringify(value)} for account.move.${field}`, {
      model: 'account.move',
    });
  return found;
}

export const invoiceKindOf = (moveType: string | null) => lookUp(KINDS, 'move_type', moveType);
export const invoiceStatusOf = (state: string | null) => lookUp(STATUSES, 'state', state);
/** A draft has no payment state yet in some versions: nothing is paid on it. */
export const paymentStatusOf = (value: string | null) =>
  lookUp(PAYMENT_STATUSES, 'payment_state', value ?? 'not_paid');

function inverse<T extends string>(table: Record<string, T>, values: readonly T[]): string[] {
  return Object.entries(table)
    .filter(([, canonical]) => values.includes(canonical))
    .map(([odoo]) => odoo);
}

/** The Odoo `state` values standing for these statuses. */
export const odooStates = (statuses: readonly InvoiceStatus[]) => inverse(STATUSES, statuses);
/** The Odoo `payment_state` values standing for these statuses. */
export const odooPaymentStates = (statuses: readonly PaymentStatus[]) => inverse(PAYMENT_STATUSES, statuses);
