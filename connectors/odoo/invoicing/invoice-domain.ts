import type { InvoiceFilter } from '../../../schema/canonical/invoicing.js';
import { and, not, or, where, type Domain } from '../domain.js';
import { CUSTOMER_MOVE_TYPES, odooPaymentStates, odooStates } from './invoice-status.js';

/**
 * Who is looking. A partner sees only its tenant's invoices (placed by the company or any of its
 * contacts: `child_of` follows `parent_id`) and never drafts; internal callers see every numbered one.
 */
export interface InvoicingScope {
  tenantPartnerId?: number;
}

/**
 * The invoices that exist in the graph for a scope: customer invoices and credit notes that have a
 * number (Odoo names a move "/" until it is first posted; the number is the entity key).
 */
export function visibleDomain(scope: InvoicingScope): Domain {
  const numbered = and(where('move_type', 'in', CUSTOMER_MOVE_TYPES), where('name', 'not in', ['/', false]));
  if (scope.tenantPartnerId === undefined) return numbered;
  return and(numbered, where('state', '!=', 'draft'), where('partner_id', 'child_of', scope.tenantPartnerId));
}

/** Overdue, as schema/canonical/invoicing.ts defines it, on `today` (an ISO date, UTC). */
export function overdueDomain(today: string): Domain {
  return and(
    where('state', '=', 'posted'),
    where('payment_state', 'in', odooPaymentStates(['NOT_PAID', 'PARTIALLY_PAID'])),
    where('invoice_date_due', '<', today),
  );
}

/** The account.move domain for a canonical filter within a scope. */
export function invoiceDomain(filter: InvoiceFilter, scope: InvoicingScope, today: string): Domain {
  const parts: Domain[] = [visibleDomain(scope)];
  if (filter.statuses) parts.push(where('state', 'in', odooStates(filter.statuses)));
  if (filter.paymentStatuses) {
    const states = odooPaymentStates(filter.paymentStatuses);
    // A draft may read `payment_state` false, which stands for NOT_PAID (see paymentStatusOf).
    parts.push(
      filter.paymentStatuses.includes('NOT_PAID')
        ? or(where('payment_state', 'in', states), where('payment_state', '=', false))
        : where('payment_state', 'in', states),
    );
  }
  if (filter.overdue === true) parts.push(overdueDomain(today));
  if (filter.overdue === false) parts.push(not(overdueDomain(today)));
  if (filter.customerRowId !== undefined) parts.push(where('partner_id', 'child_of', filter.customerRowId));
  if (filter.issuedAfter) parts.push(where('invoice_date', '>=', filter.issuedAfter));
  if (filter.issuedBefore) parts.push(where('invoice_date', '<', filter.issuedBefore));
  return and(...parts);
}
