import type { OdooClient } from '../client.js';
import type { Domain } from '../domain.js';
import type { OdooRecord } from '../models.js';

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

export type MoveRecord = OdooRecord<'account.move', (typeof MOVE_FIELDS)[number]>;

export interface MoveSearch {
  domain: Domain;
  offset?: number;
  limit?: number;
  order?: string;
}

/** account.move records as invoicing reads them: one search_read, amounts rounded by the client. */
export class MoveReader {
  constructor(private readonly client: OdooClient) {}

  search({ domain, offset, limit, order }: MoveSearch): Promise<MoveRecord[]> {
    return this.client.searchRead('account.move', { domain, fields: MOVE_FIELDS, offset, limit, order });
  }
}
