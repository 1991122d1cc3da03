import { z } from 'zod';
import type { OdooClient } from '../client.js';
import { OdooProtocolError } from '../errors.js';

const companiesSchema = z.array(
  z.object({ id: z.number().int(), currency_id: z.tuple([z.number().int(), z.string()]) }),
);

/**
 * The ISO code of the company currency, in which Odoo keeps credit limits and balances. res.company
 * is not among the client's typed models, hence the raw call, validated here. With several companies
 * the first (the main one) counts: the graph serves one distributor.
 */
export async function companyCurrency(client: OdooClient): Promise<string> {
  const raw = await client.callMethod('res.company', 'search_read', {
    kwargs: { domain: [], fields: ['currency_id'], order: 'id', limit: 1 },
  });
  const parsed = companiesSchema.safeParse(raw);
  const company = parsed.success ? parsed.data[0] : undefined;
  if (!company)
    throw new OdooProtocolError('Odoo answered res.company.search_read without a company and its currency', {
      model: 'res.company',
      method: 'search_read',
      cause: parsed.error,
    });
  return company.currency_id[1];
}
