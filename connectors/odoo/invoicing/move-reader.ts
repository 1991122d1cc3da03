import type { OdooClient } from '../client.js';
import type { Domain } from '../domain.js';
import { OdooProtocolError } from '../errors.js';
import type { FieldValue, ModelSpec } from '../field-spec.js';
import { odooModels } from '../models.js';
import { DEFAULT_CURRENCY_DECIMALS } from '../money.js';
import { many2oneId, normalizeRecord } from '../normalize.js';

/**
 * account.move as invoicing reads it: the connector's model spec plus two fields it does not list yet,
 * `commercial_partner_id` (the company invoiced; `partner_id` is often its "Accounts Payable" contact)
 * and `ref` (the customer's PO). Until connectors/odoo/models.ts lists them, moves are read through
 * `callMethod` and normalised here with the same rules (`normalizeRecord`) the typed client uses.
 */
const MOVE_SPEC = {
  ...odooModels['account.move'],
  commercial_partner_id: 'm2o',
  ref: 'char',
} as const satisfies ModelSpec;

export const MOVE_FIELDS = [
  'name',
  'move_type',
  'state',
  'payment_state',
  'commercial_partner_id',
  'invoice_date',
  'invoice_date_due',
  'invoice_origin',
  'ref',
  'amount_untaxed',
  'amount_tax',
  'amount_total',
  'amount_residual',
  'currency_id',
  'write_date',
] as const;

type MoveSpec = typeof MOVE_SPEC;
export type MoveRecord = { id: number } & {
  -readonly [K in (typeof MOVE_FIELDS)[number]]: FieldValue<MoveSpec[K]>;
};

export interface MoveSearch {
  domain: Domain;
  offset?: number;
  limit?: number;
  order?: string;
}

/**
 * Reads account.move records in one search_read, plus one read of res.currency the first time this
 * reader meets a currency (amounts are rounded to the currency's decimals). One reader lives for one
 * request, so the precision it learned never outlives a request.
 */
export class MoveReader {
  readonly #decimals = new Map<number, Promise<number>>();

  constructor(private readonly client: OdooClient) {}

  async search({ domain, offset, limit, order }: MoveSearch): Promise<MoveRecord[]> {
    const kwargs: Record<string, unknown> = { domain, fields: MOVE_FIELDS };
    if (offset !== undefined) kwargs.offset = offset;
    if (limit !== undefined) kwargs.limit = limit;
    if (order !== undefined) kwargs.order = order;
    const raw = await this.client.callMethod('account.move', 'search_read', { kwargs });
    if (!Array.isArray(raw))
      throw new OdooProtocolError('Odoo answered account.move.search_read with something else than a list', {
        model: 'account.move',
        method: 'search_read',
      });
    const decimals = await this.#learnDecimals(raw);
    const currencyDecimals = (id: number | undefined) =>
      (id === undefined ? undefined : decimals.get(id)) ?? DEFAULT_CURRENCY_DECIMALS;
    return raw.map(
      (record) =>
        normalizeRecord(record, {
          model: 'account.move',
          spec: MOVE_SPEC,
          fields: MOVE_FIELDS,
          currencyDecimals,
        }) as MoveRecord,
    );
  }

  /** Reads the decimals of currencies not met yet, sharing a read already under way. */
  async #learnDecimals(raw: readonly unknown[]): Promise<Map<number, number>> {
    const wanted = new Set<number>();
    for (const record of raw) {
      if (typeof record !== 'object' || record === null) continue;
      const id = many2oneId((record as Record<string, unknown>).currency_id);
      if (id !== undefined) wanted.add(id);
    }
    const unknown = [...wanted].filter((id) => !this.#decimals.has(id));
    if (unknown.length > 0) {
      const read = this.client.read('res.currency', unknown, ['decimal_places']);
      for (const id of unknown)
        this.#decimals.set(
          id,
          read.then(
            (currencies) => currencies.find((c) => c.id === id)?.decimal_places ?? DEFAULT_CURRENCY_DECIMALS,
          ),
        );
    }
    const known = [...wanted].map(
      async (id) => [id, (await this.#decimals.get(id)) ?? DEFAULT_CURRENCY_DECIMALS] as const,
    );
    return new Map(await Promise.all(known));
  }
}
