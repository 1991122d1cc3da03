import type { OdooClient } from '../client.js';
import { and, where } from '../domain.js';
import { tenantDomain, type SalesScope } from './order-domain.js';

/**
 * Which of these order numbers the scope may see: all of them for an unscoped (internal) caller, without
 * a call; for a partner, those of its tenant, in one Odoo call. Subgraphs that hold data keyed by order
 * number from another system (WMS, carrier) ask this before answering a partner.
 */
export async function visibleOrderNumbers(
  odoo: OdooClient,
  scope: SalesScope,
  numbers: readonly string[],
): Promise<Set<string>> {
  if (scope.tenantPartnerId === undefined) return new Set(numbers);
  if (numbers.length === 0) return new Set();
  const records = await odoo.searchRead('sale.order', {
    domain: and(where('name', 'in', [...new Set(numbers)]), tenantDomain(scope)),
    fields: ['name'],
  });
  return new Set(records.flatMap((record) => (record.name === null ? [] : [record.name])));
}
