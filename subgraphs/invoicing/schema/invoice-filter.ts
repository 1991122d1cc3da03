import { fromGlobalId } from '../../../schema/canonical/global-id.js';
import type { InvoiceFilter } from '../../../schema/canonical/invoicing.js';
import { builder } from '../builder.js';
import type { Issue } from '../../../platform/graphql/input-issues.js';
import { InvoiceStatusType, PaymentStatusType } from './statuses.js';

export const InvoiceFilterInput = builder.inputType('InvoiceFilter', {
  description: 'Narrows a list of invoices; all given conditions must hold.',
  fields: (t) => ({
    status: t.field({
      type: [InvoiceStatusType],
      required: false,
      description: 'Invoices in any of these statuses (at least one).',
    }),
    paymentStatus: t.field({
      type: [PaymentStatusType],
      required: false,
      description: 'Invoices in any of these payment statuses (at least one).',
    }),
    overdue: t.boolean({
      required: false,
      description:
        'True: only overdue invoices (posted, not fully paid, due before today UTC); false: none of those.',
    }),
    customerId: t.id({ required: false, description: 'Invoices of this customer.' }),
    issuedAfter: t.field({
      type: 'Date',
      required: false,
      description: 'Invoices dated on or after this day.',
    }),
    issuedBefore: t.field({
      type: 'Date',
      required: false,
      description: 'Invoices dated before this day.',
    }),
  }),
});

type FilterArgs = typeof InvoiceFilterInput.$inferInput;

/** The canonical filter for `input`, adding a problem per bad field to `issues`. */
export function parseInvoiceFilter(input: FilterArgs | null | undefined, issues: Issue[]): InvoiceFilter {
  if (!input) return {};
  const filter: InvoiceFilter = {};
  if (input.status) {
    if (input.status.length === 0) issues.push({ argument: 'filter.status', message: 'must not be empty' });
    filter.statuses = input.status;
  }
  if (input.paymentStatus) {
    if (input.paymentStatus.length === 0)
      issues.push({ argument: 'filter.paymentStatus', message: 'must not be empty' });
    filter.paymentStatuses = input.paymentStatus;
  }
  if (typeof input.overdue === 'boolean') filter.overdue = input.overdue;
  if (input.customerId) {
    const rowId = fromGlobalId('Customer', input.customerId);
    if (rowId === null) issues.push({ argument: 'filter.customerId', message: 'not a customer id' });
    else filter.customerRowId = rowId;
  }
  if (input.issuedAfter) filter.issuedAfter = input.issuedAfter;
  if (input.issuedBefore) filter.issuedBefore = input.issuedBefore;
  if (input.issuedAfter && input.issuedBefore && input.issuedAfter >= input.issuedBefore)
    issues.push({ argument: 'filter.issuedBefore', message: 'must be later than filter.issuedAfter' });
  return filter;
}
