import { z } from 'zod';
import type { OdooClient } from '../client.js';
import { and, where } from '../domain.js';
import { OdooProtocolError } from '../errors.js';
import type { CaptureIssue, NewDeliveryAddress, ShipTo } from './capture-types.js';

const idsSchema = z.array(z.object({ id: z.number().int() }));

/** A ship-to checked against Odoo: an address to use, one to find or create, or why neither. */
export type CheckedShipTo =
  | { kind: 'existing'; addressRowId: number }
  | { kind: 'new'; address: NewDeliveryAddress; countryRowId: number }
  | { kind: 'invalid'; issue: CaptureIssue };

/**
 * Delivery addresses of a capture. In Odoo an address is a child res.partner of type `delivery`; an
 * existing one must belong to the customer, a new one is created under it unless an identical one
 * exists (so that a retried capture adds no second copy).
 */
export class OdooCaptureAddresses {
  constructor(private readonly client: OdooClient) {}

  async check(customerRowId: number, shipTo: ShipTo): Promise<CheckedShipTo> {
    if ('addressRowId' in shipTo) {
      const [address] = await this.client.read(
        'res.partner',
        [shipTo.addressRowId],
        ['parent_id', 'type', 'active'],
      );
      const ours =
        address !== undefined &&
        address.active !== false &&
        address.type === 'delivery' &&
        address.parent_id?.id === customerRowId;
      return ours
        ? { kind: 'existing', addressRowId: shipTo.addressRowId }
        : {
            kind: 'invalid',
            issue: { path: 'shipTo.addressId', message: 'not a delivery address of this customer' },
          };
    }
    const countryRowId = await this.#country(shipTo.newAddress.countryCode);
    if (countryRowId === null)
      return {
        kind: 'invalid',
        issue: { path: 'shipTo.newAddress.country', message: 'not a known ISO 3166-1 alpha-2 country code' },
      };
    return { kind: 'new', address: shipTo.newAddress, countryRowId };
  }

  /** The row id of the address to ship to: the given one, an identical one, or a new one. */
  async resolve(
    customerRowId: number,
    checked: Exclude<CheckedShipTo, { kind: 'invalid' }>,
  ): Promise<number> {
    if (checked.kind === 'existing') return checked.addressRowId;
    const { address, countryRowId } = checked;
    const vals = {
      name: address.name ?? false,
      street: address.street,
      street2: address.street2 ?? false,
      city: address.city,
      zip: address.zip,
      country_id: countryRowId,
    };
    const [same] = await this.client.searchRead('res.partner', {
      domain: and(
        where('parent_id', '=', customerRowId),
        where('type', '=', 'delivery'),
        ...Object.entries(vals).map(([field, value]) => where(field, '=', value)),
      ),
      fields: ['name'],
      limit: 1,
    });
    if (same) return same.id;
    // A lost answer here is harmless: the retry finds the identical address above.
    const [id] = await this.client.create('res.partner', [
      { ...vals, parent_id: customerRowId, type: 'delivery' },
    ]);
    if (id === undefined)
      throw new OdooProtocolError('Odoo created no delivery address', { model: 'res.partner' });
    return id;
  }

  async #country(code: string): Promise<number | null> {
    const raw = await this.client.callMethod('res.country', 'search_read', {
      kwargs: { domain: where('code', '=', code.toUpperCase()), fields: ['id'], limit: 1 },
    });
    const parsed = idsSchema.safeParse(raw);
    if (!parsed.success)
      throw new OdooProtocolError(
        'Odoo answered res.country.search_read with something else than countries',
        {
          model: 'res.country',
          method: 'search_read',
          cause: parsed.error,
        },
      );
    return parsed.data[0]?.id ?? null;
  }
}
