import { z } from 'zod';
import type { OdooClient } from '../client.js';
import { OdooProtocolError } from '../errors.js';
import { cancellationNote } from './capture-note.js';

/** Why an order cannot be cancelled through the API. */
export const notCancellableReasons = ['SHIPPED', 'INVOICED', 'LOCKED'] as const;
export type NotCancellableReason = (typeof notCancellableReasons)[number];

export type CancelOutcome =
  | { kind: 'CANCELLED'; alreadyCancelled: boolean }
  | { kind: 'NOT_CANCELLABLE'; reason: NotCancellableReason };

const noteSchema = z.array(z.object({ id: z.number().int(), note: z.union([z.string(), z.literal(false)]) }));

/**
 * Cancels a sale order in Odoo unless goods have left (a done delivery) or it is invoiced (a posted
 * invoice): those need a return or a credit note, which are people's decisions. Odoo itself cancels the
 * open deliveries (releasing their reservations) and draft invoices. An order already cancelled counts as
 * done. The reason is appended to the order's note (the emulator has no chatter to post it to).
 */
export class OdooOrderCancellation {
  constructor(private readonly client: OdooClient) {}

  async cancel(orderRowId: number, reason: string): Promise<CancelOutcome> {
    const [order] = await this.client.read(
      'sale.order',
      [orderRowId],
      ['state', 'locked', 'picking_ids', 'invoice_ids'],
    );
    if (!order) throw new OdooProtocolError(`sale.order ${orderRowId} vanished`, { model: 'sale.order' });
    if (order.state === 'cancel') return { kind: 'CANCELLED', alreadyCancelled: true };
    const [pickings, invoices] = await Promise.all([
      this.client.read('stock.picking', order.picking_ids, ['state']),
      this.client.read('account.move', order.invoice_ids, ['state']),
    ]);
    if (pickings.some((picking) => picking.state === 'done'))
      return { kind: 'NOT_CANCELLABLE', reason: 'SHIPPED' };
    if (invoices.some((invoice) => invoice.state === 'posted'))
      return { kind: 'NOT_CANCELLABLE', reason: 'INVOICED' };
    if (order.locked === true) return { kind: 'NOT_CANCELLABLE', reason: 'LOCKED' };
    // Without the context key Odoo answers the cancel wizard's action instead of cancelling.
    await this.client.callMethod('sale.order', 'action_cancel', {
      ids: [orderRowId],
      context: { disable_cancel_warning: true },
      idempotent: true,
    });
    await this.#appendNote(orderRowId, cancellationNote(reason));
    return { kind: 'CANCELLED', alreadyCancelled: false };
  }

  async #appendNote(orderRowId: number, line: string): Promise<void> {
    const raw = await this.client.callMethod('sale.order', 'read', {
      ids: [orderRowId],
      kwargs: { fields: ['note'] },
    });
    const parsed = noteSchema.safeParse(raw);
    if (!parsed.success)
      throw new OdooProtocolError('Odoo answered sale.order.read with something else than a note', {
        model: 'sale.order',
        method: 'read',
        cause: parsed.error,
      });
    const note = parsed.data[0]?.note || '';
    await this.client.write('sale.order', [orderRowId], { note: `${note}${line}` }, { idempotent: false });
  }
}
