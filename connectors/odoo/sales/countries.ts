import { z } from 'zod';
import type { OdooClient } from '../client.js';
import { OdooProtocolError } from '../errors.js';

const countriesSchema = z.array(
  z.object({ id: z.number().int(), code: z.union([z.string(), z.literal(false)]) }),
);

/**
 * ISO 3166 codes of res.country records. A partner's `country_id` reads as the country's name, so the
 * code takes a read of its own. res.country is not among the client's typed models, hence the raw
 * call, validated here.
 */
export class OdooCountries {
  constructor(private readonly client: OdooClient) {}

  /** Codes by country row id, in one call. */
  async codesByIds(ids: readonly number[]): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const raw = await this.client.callMethod('res.country', 'read', {
      ids: unique,
      kwargs: { fields: ['code'] },
    });
    const parsed = countriesSchema.safeParse(raw);
    if (!parsed.success)
      throw new OdooProtocolError('Odoo answered res.country.read with something else than countries', {
        model: 'res.country',
        method: 'read',
        cause: parsed.error,
      });
    return new Map(parsed.data.flatMap(({ id, code }) => (code === false ? [] : [[id, code] as const])));
  }
}
