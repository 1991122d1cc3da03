import type { OdooClient } from '../connectors/odoo/client.js';
import type { DemoPartner } from '../gateway/auth/demo-api-keys.js';

/** The demo partners' tenants: the first two company customers by reference, so they are the same every run. */
export async function findDemoPartners(odoo: OdooClient): Promise<DemoPartner[]> {
  const customers = await odoo.searchRead('res.partner', {
    domain: [
      ['customer_rank', '>', 0],
      ['is_company', '=', true],
      ['ref', '!=', false],
    ],
    fields: ['name', 'ref'],
    order: 'ref',
    limit: 2,
  });
  return customers.map((customer) => ({
    tenantPartnerId: customer.id,
    name: customer.name ?? customer.ref ?? String(customer.id),
  }));
}
