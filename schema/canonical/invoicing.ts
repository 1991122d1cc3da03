/**
 * The invoicing vocabulary as the connectors hand it to the subgraphs: customer invoices and credit
 * notes, their payment state, and a customer's open balance and credit. Row ids travel inside these
 * shapes so that loaders can follow references; the graph exposes them only inside opaque ids.
 *
 * Where each field comes from in Odoo (account.move with `move_type` out_invoice or out_refund):
 *
 * | Canonical                 | Odoo                                                              |
 * | ------------------------- | ----------------------------------------------------------------- |
 * | Invoice.number            | `name` (e.g. INV/2026/00042); "/" until first posted (not exposed) |
 * | Invoice.kind              | `move_type`: out_invoice → INVOICE, out_refund → CREDIT_NOTE      |
 * | Invoice.status            | `state` (table below)                                             |
 * | Invoice.paymentStatus     | `payment_state` (table below)                                     |
 * | Invoice.issuedOn / dueOn  | `invoice_date` / `invoice_date_due`                               |
 * | Invoice.origin            | `invoice_origin` (the order numbers, comma-separated)             |
 * | Invoice.customerReference | `ref` (the customer's PO numbers)                                 |
 * | Invoice.customerRowId     | `commercial_partner_id` (the company, not the invoice contact)    |
 * | Invoice.totals            | `amount_untaxed`, `amount_tax`, `amount_total` in `currency_id`   |
 * | Invoice.amountDue         | `amount_residual` (unsigned, in the invoice currency)             |
 * | CustomerCredit.limit      | res.partner `credit_limit` in the company currency; 0 means none  |
 *
 * | Odoo `state` | InvoiceStatus |   | Odoo `payment_state` | PaymentStatus  |
 * | ------------ | ------------- |---| -------------------- | -------------- |
 * | draft        | DRAFT         |   | not_paid             | NOT_PAID       |
 * | posted       | POSTED        |   | partial              | PARTIALLY_PAID |
 * | cancel       | CANCELLED     |   | in_payment           | IN_PAYMENT     |
 * |              |               |   | paid                 | PAID           |
 * |              |               |   | reversed             | REVERSED       |
 * |              |               |   | invoicing_legacy     | PAID (1)       |
 * |              |               |   | blocked              | BLOCKED        |
 *
 * (1) `invoicing_legacy` marks invoices from before the Accounting app was installed, which Odoo no
 * longer follows up: settled as far as anyone collecting money is concerned.
 *
 * Which invoices exist in the graph: only numbered ones (`name` other than "/"), because `number` is
 * the entity key and must never be null. Drafts that were never posted therefore stay inside Odoo;
 * a numbered draft (a posted invoice reset to draft for correction) is visible to internal callers
 * only: partners see posted and cancelled invoices, never work in progress.
 */
import type { MoneyShape } from '../../platform/graphql/create-subgraph-builder.js';

export const invoiceStatuses = ['DRAFT', 'POSTED', 'CANCELLED'] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];

export const paymentStatuses = [
  'NOT_PAID',
  'PARTIALLY_PAID',
  'IN_PAYMENT',
  'PAID',
  'REVERSED',
  'BLOCKED',
] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

export const invoiceKinds = ['INVOICE', 'CREDIT_NOTE'] as const;
export type InvoiceKind = (typeof invoiceKinds)[number];

export interface InvoiceTotals {
  untaxed: MoneyShape;
  tax: MoneyShape;
  total: MoneyShape;
}

export interface Invoice {
  rowId: number;
  number: string;
  kind: InvoiceKind;
  status: InvoiceStatus;
  paymentStatus: PaymentStatus;
  /** ISO dates; null on a draft that was never dated. */
  issuedOn: string | null;
  dueOn: string | null;
  origin: string | null;
  customerReference: string | null;
  /** The commercial partner (company) invoiced. */
  customerRowId: number;
  totals: InvoiceTotals;
  amountDue: MoneyShape;
  updatedAt: string;
}

/** Payment states in which money is still expected from the customer. */
const OPEN_PAYMENT_STATUSES: ReadonlySet<PaymentStatus> = new Set(['NOT_PAID', 'PARTIALLY_PAID']);

/** Overdue: posted, not (fully) paid, and due before `today` (an ISO date, UTC). */
export function isInvoiceOverdue(invoice: Invoice, today: string): boolean {
  return (
    invoice.status === 'POSTED' &&
    OPEN_PAYMENT_STATUSES.has(invoice.paymentStatus) &&
    invoice.dueOn !== null &&
    invoice.dueOn < today
  );
}

/** Today's date in UTC, as overdue is measured. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** What an invoice search may filter on; all given conditions must hold. */
export interface InvoiceFilter {
  statuses?: readonly InvoiceStatus[];
  paymentStatuses?: readonly PaymentStatus[];
  /** True: only overdue invoices; false: only those not overdue. */
  overdue?: boolean;
  customerRowId?: number;
  /** Issued on or after this ISO date. */
  issuedAfter?: string;
  /** Issued before this ISO date. */
  issuedBefore?: string;
}

/** The amounts a customer still owes on posted invoices, one per currency (credit notes subtract). */
export interface OpenBalance {
  customerRowId: number;
  amounts: MoneyShape[];
}

/** How much a customer may still buy on credit. */
export interface CustomerCredit {
  /** Null when the customer has no limit. */
  limit: MoneyShape | null;
  used: MoneyShape;
  /** Null when the customer has no limit; never below zero. */
  available: MoneyShape | null;
  /** Whether the open balance exceeds the limit. */
  onHold: boolean;
}
