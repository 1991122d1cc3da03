import { requirePrincipal } from '../../../platform/graphql/require-principal.js';
import { toGlobalId } from '../../../schema/canonical/global-id.js';
import {
  isInvoiceOverdue,
  todayUtc,
  type Invoice,
  type InvoiceTotals,
} from '../../../schema/canonical/invoicing.js';
import { builder, Money } from '../builder.js';
import { CustomerRef } from './customer.js';
import { InvoiceKindType, InvoiceStatusType, PaymentStatusType } from './statuses.js';

const InvoiceTotalsType = builder.objectRef<InvoiceTotals>('InvoiceTotals').implement({
  description: "An invoice's amounts, in the invoice's currency.",
  fields: (t) => ({
    untaxed: t.field({ type: Money, description: 'Total before tax.', resolve: (i) => i.untaxed }),
    tax: t.field({ type: Money, description: 'Tax.', resolve: (i) => i.tax }),
    total: t.field({ type: Money, description: 'Total, tax included.', resolve: (i) => i.total }),
  }),
});

export const InvoiceType = builder.objectRef<Invoice>('Invoice').implement({
  description: 'A customer invoice or credit note, once it has a number.',
  authenticated: true,
  requiresScopes: [['invoices:read']],
  fields: (t) => ({
    id: t.id({ description: 'Opaque, stable identifier.', resolve: (i) => toGlobalId('Invoice', i.rowId) }),
    number: t.exposeString('number', {
      description: 'The invoice number, e.g. "INV/2026/00042" (Odoo `name`): the business key.',
    }),
    kind: t.field({ type: InvoiceKindType, description: 'Invoice or credit note.', resolve: (i) => i.kind }),
    status: t.field({
      type: InvoiceStatusType,
      description: 'Where the invoice is.',
      resolve: (i) => i.status,
    }),
    paymentStatus: t.field({
      type: PaymentStatusType,
      description: 'How far it has been paid.',
      resolve: (i) => i.paymentStatus,
    }),
    issuedOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'The invoice date; null only on a draft not dated yet.',
      resolve: (i) => i.issuedOn,
    }),
    dueOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'When payment is due; null only on a draft not dated yet.',
      resolve: (i) => i.dueOn,
    }),
    isOverdue: t.boolean({
      description: 'Posted, not (fully) paid, and due before today (UTC).',
      resolve: (i) => isInvoiceOverdue(i, todayUtc()),
    }),
    origin: t.exposeString('origin', {
      nullable: true,
      description:
        'The order numbers invoiced, comma-separated, e.g. "S00042, S00043" (Odoo `invoice_origin`).',
    }),
    customerReference: t.exposeString('customerReference', {
      nullable: true,
      description: "The customer's own references (PO numbers) of the orders invoiced (Odoo `ref`).",
    }),
    totals: t.field({ type: InvoiceTotalsType, description: 'Amounts.', resolve: (i) => i.totals }),
    amountDue: t.field({
      type: Money,
      description:
        'What is still to be paid (for a credit note: still to be refunded), in the invoice currency (Odoo `amount_residual`).',
      resolve: (i) => i.amountDue,
    }),
    customer: t.field({
      type: CustomerRef,
      description: 'The customer invoiced (the company, even when the invoice is addressed to a contact).',
      resolve: (i) => ({ id: toGlobalId('Customer', i.customerRowId) }),
    }),
    updatedAt: t.field({
      type: 'DateTime',
      description: 'When the invoice last changed.',
      resolve: (i) => i.updatedAt,
    }),
  }),
});

builder.asEntity(InvoiceType, {
  key: builder.selection<{ number: string }>('number'),
  // Async so that a refusal fails this representation alone, not the whole `_entities` list.
  resolveReference: async (reference, context) => {
    requirePrincipal(context);
    return await context.loaders.invoiceByNumber.load(reference.number);
  },
});
