import type { OdooClient } from '../../connectors/odoo/client.js';
import { where } from '../../connectors/odoo/domain.js';

/**
 * Whose a partner's objects are: its commercial partner (the company, or the partner itself when it has
 * no parent), the tenant partners are scoped by. Kept on each event so that partner subscriptions and
 * webhooks can be filtered without asking Odoo again per subscriber.
 */
export async function tenantOfPartner(odoo: OdooClient, partnerId: number): Promise<number> {
  const [partner] = await odoo.read('res.partner', [partnerId], ['parent_id']);
  return partner?.parent_id?.id ?? partnerId;
}

/** The tenant of an order by its number; null when Odoo has no such order (the event stays internal). */
export async function tenantOfOrder(odoo: OdooClient, orderNumber: string): Promise<number | null> {
  const [order] = await odoo.searchRead('sale.order', {
    domain: where('name', '=', orderNumber),
    fields: ['partner_id'],
    limit: 1,
  });
  const partnerId = order?.partner_id?.id;
  return partnerId === undefined ? null : tenantOfPartner(odoo, partnerId);
}

/** {@link tenantOfOrder} remembered for the life of the returned function (one delivery or one pass). */
export function tenantsOfOrders(odoo: OdooClient): (orderNumber: string | null) => Promise<number | null> {
  const known = new Map<string, Promise<number | null>>();
  return (orderNumber) => {
    if (orderNumber === null) return Promise.resolve(null);
    let tenant = known.get(orderNumber);
    if (!tenant) {
      tenant = tenantOfOrder(odoo, orderNumber);
      known.set(orderNumber, tenant);
    }
    return tenant;
  };
}
