import type { OrderFilter } from '../../../schema/canonical/orders.js';
import { and, where, type Domain } from '../domain.js';
import { statusDomain } from './order-status.js';

/** The commercial partner a partner caller acts for; absent for internal callers, who see every order. */
export interface SalesScope {
  tenantPartnerId?: number;
}

/** Orders of the tenant: placed by it or by any of its contacts (`child_of` follows `parent_id`). */
export function tenantDomain(scope: SalesScope): Domain {
  return scope.tenantPartnerId === undefined ? [] : where('partner_id', 'child_of', scope.tenantPartnerId);
}

/** Odoo stores datetimes as "YYYY-MM-DD HH:MM:SS" in UTC; canonical ones are ISO 8601 with a Z. */
function odooDatetime(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19).replace('T', ' ');
}

/** The sale.order domain for a canonical filter within a scope. */
export function orderDomain(filter: OrderFilter, scope: SalesScope): Domain {
  const parts: Domain[] = [tenantDomain(scope)];
  if (filter.statuses) parts.push(statusDomain(filter.statuses));
  if (filter.customerRowId !== undefined) parts.push(where('partner_id', 'child_of', filter.customerRowId));
  if (filter.orderedAfter) parts.push(where('date_order', '>=', odooDatetime(filter.orderedAfter)));
  if (filter.orderedBefore) parts.push(where('date_order', '<', odooDatetime(filter.orderedBefore)));
  if (filter.customerReference) parts.push(where('client_order_ref', '=', filter.customerReference));
  return and(...parts);
}
