import type { MoneyShape } from '../../../platform/graphql/create-subgraph-builder.js';
import type { Invoice } from '../../../schema/canonical/invoicing.js';
import { OdooProtocolError } from '../errors.js';
import { invoiceKindOf, invoiceStatusOf, paymentStatusOf } from './invoice-status.js';
import type { MoveRecord } from './move-reader.js';

/** A field Odoo sets on every numbered customer invoice; its absence means the answer is not Odoo's. */
function required<T>(value: T | null, field: string, id: number): T {
  if (value === null)
    throw new OdooProtocolError(`account.move ${id} has no ${field}`, { model: 'account.move' });
  return value;
}

export function toInvoice(record: MoveRecord): Invoice {
  const currency = required(record.currency_id, 'currency_id', record.id).name;
  const money = (amount: string | null): MoneyShape => ({ amount: amount ?? '0.00', currency });
  return {
    rowId: record.id,
    number: required(record.name, 'name', record.id),
    kind: invoiceKindOf(record.move_type),
    status: invoiceStatusOf(record.state),
    paymentStatus: paymentStatusOf(record.payment_state),
    issuedOn: record.invoice_date,
    dueOn: record.invoice_date_due,
    origin: record.invoice_origin,
    customerReference: record.ref,
    customerRowId: required(record.commercial_partner_id, 'commercial_partner_id', record.id).id,
    totals: {
      untaxed: money(record.amount_untaxed),
      tax: money(record.amount_tax),
      total: money(record.amount_total),
    },
    amountDue: money(record.amount_residual),
    updatedAt: required(record.write_date, 'write_date', record.id),
  };
}
