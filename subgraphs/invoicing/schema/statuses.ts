import type { InvoiceKind, InvoiceStatus, PaymentStatus } from '../../../schema/canonical/invoicing.js';
import { builder } from '../builder.js';

/** Each value says which Odoo values it stands for: the mapping is part of the contract. */
export const InvoiceStatusType = builder.enumType('InvoiceStatus', {
  description: "Where an invoice is in its life, independent of the ERP's own states.",
  values: {
    DRAFT: {
      description:
        'Reset to draft for correction after it was issued (Odoo state `draft`); visible to internal callers only.',
    },
    POSTED: { description: 'Issued to the customer and booked (Odoo `posted`).' },
    CANCELLED: { description: 'Cancelled; nothing is owed on it (Odoo `cancel`).' },
  } satisfies Record<InvoiceStatus, { description: string }>,
});

export const PaymentStatusType = builder.enumType('PaymentStatus', {
  description: 'How far an invoice has been paid (or a credit note refunded).',
  values: {
    NOT_PAID: { description: 'Nothing paid yet (Odoo payment state `not_paid`).' },
    PARTIALLY_PAID: { description: 'Part of the amount is paid; `amountDue` is the rest (Odoo `partial`).' },
    IN_PAYMENT: {
      description: 'Paid, but the payment is not yet matched on a bank statement (Odoo `in_payment`).',
    },
    PAID: {
      description:
        'Fully paid (Odoo `paid`; also `invoicing_legacy`, invoices from before accounting was installed, which Odoo no longer follows up).',
    },
    REVERSED: { description: 'Cancelled out by a credit note (Odoo `reversed`).' },
    BLOCKED: { description: 'Payment is on hold, e.g. while disputed (Odoo `blocked`).' },
  } satisfies Record<PaymentStatus, { description: string }>,
});

export const InvoiceKindType = builder.enumType('InvoiceKind', {
  description: 'Whether a document bills the customer or credits it.',
  values: {
    INVOICE: { description: 'A customer invoice (Odoo move type `out_invoice`).' },
    CREDIT_NOTE: {
      description: 'A credit note: money owed to the customer, e.g. for a return (Odoo `out_refund`).',
    },
  } satisfies Record<InvoiceKind, { description: string }>,
});
