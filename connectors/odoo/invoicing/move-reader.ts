import type { OdooClient } from '../client.js';
import type { Domain } from '../domain.js';
import type { OdooRecord } from '../models.js';
import { related } from '../related-read.js';

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

/** The sale orders each invoice line bills, read with the invoices (see `searchWithOrders`). */
const SALE_LINES = related('sale.order.line', ['order_id']);
const INVOICE_LINES = related('account.move.line', ['sale_line_ids'], { sale_line_ids: SALE_LINES });

/** An invoice and the row ids of the sale orders it bills. */
export interface MoveWithOrders {
  move: MoveRecord;
  orderIds: ReadonlySet<number>;
}

/** account.move records as invoicing reads them: one search_read, amounts rounded by the client. */
export class MoveReader {
  constructor(private readonly client: OdooClient) {}

  search({ domain, offset, limit, order }: MoveSearch): Promise<MoveRecord[]> {
    return this.client.searchRead('account.move', { domain, fields: MOVE_FIELDS, offset, limit, order });
  }

  /** The same search, each invoice with the sale orders its lines bill, still in one call. */
  async searchWithOrders({ domain, offset, limit, order }: MoveSearch): Promise<MoveWithOrders[]> {
    const { records, related: found } = await this.client.searchReadRelated('account.move', {
      domain,
      fields: [...MOVE_FIELDS, 'invoice_line_ids'],
      related: { invoice_line_ids: INVOICE_LINES },
      offset,
      limit,
      order,
    });
    const lines = found.of(INVOICE_LINES);
    const saleLines = found.of(SALE_LINES);
    return records.map((move) => {
      const orderIds = new Set<number>();
      for (const lineId of move.invoice_line_ids)
        for (const saleLineId of lines.get(lineId)?.sale_line_ids ?? []) {
          const orderId = saleLines.get(saleLineId)?.order_id?.id;
          if (orderId !== undefined) orderIds.add(orderId);
        }
      return { move, orderIds };
    });
  }
}
