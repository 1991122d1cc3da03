import { graphError } from '../../platform/graphql/graph-error.js';
import { requirePrincipal } from '../../platform/graphql/require-principal.js';
import { fromGlobalId } from '../../schema/canonical/global-id.js';
import type { InvoicingContext } from './context.js';

/**
 * The row id of a customer the caller may see the finances of: any for internal callers, only its own
 * commercial partner for a partner. A customer's balance and credit are single figures that cannot be
 * filtered down to what a partner may see, so another tenant's customer is refused (FORBIDDEN) rather
 * than answered with a misleading zero.
 */
export function visibleCustomerRowId(context: InvoicingContext, customerId: string): number {
  const principal = requirePrincipal(context);
  const rowId = fromGlobalId('Customer', customerId);
  if (rowId === null) throw graphError('NOT_FOUND', 'No customer has this id.');
  if (principal.kind === 'partner' && principal.tenantPartnerId !== rowId) throw graphError('FORBIDDEN');
  return rowId;
}
