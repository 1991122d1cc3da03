import { requirePrincipal } from '../../platform/graphql/require-principal.js';
import { fromGlobalId } from '../../schema/canonical/global-id.js';
import type { Customer } from '../../schema/canonical/orders.js';
import type { OrdersContext } from './context.js';

/**
 * Who may see a customer: internal callers any, a partner only its own commercial partner. Orders
 * need no such check here: their loaders search within the caller's scope (see SalesScope).
 */
export function canSeeCustomer(context: OrdersContext, rowId: number): boolean {
  const { tenantPartnerId } = context.scope;
  return tenantPartnerId === undefined || tenantPartnerId === rowId;
}

/** The customer with this opaque id, or null when it does not exist or is not the caller's to see. */
export async function loadVisibleCustomer(context: OrdersContext, id: string): Promise<Customer | null> {
  requirePrincipal(context);
  const rowId = fromGlobalId('Customer', id);
  if (rowId === null || !canSeeCustomer(context, rowId)) return null;
  return context.loaders.customerById.load(rowId);
}
