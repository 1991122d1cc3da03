import type { OdooClient } from '../../connectors/odoo/client.js';
import { and, or, where } from '../../connectors/odoo/domain.js';
import type { EventAppender } from '../inbound/event-appender.js';
import { ORDER_FIELDS, recordOrderChange } from '../inbound/order-changes.js';
import type { OrderStatusMemory } from '../inbound/order-status-memory.js';
import { later, minus, type ReconcileCursors } from './reconcile-cursors.js';
import { emptySummary, type SourceSummary } from './source-summary.js';

export interface OdooPassContext {
  odoo: OdooClient;
  events: EventAppender;
  memory: OrderStatusMemory;
  cursors: ReconcileCursors;
  safetyWindowMs: number;
  /** The cursor of a first pass (nothing stored yet). */
  startAt: string;
  pageSize: number;
}

/** Odoo's datetime literal (`YYYY-MM-DD HH:MM:SS`, UTC) of an ISO 8601 time. */
const odooTime = (iso: string): string => new Date(iso).toISOString().slice(0, 19).replace('T', ' ');

/**
 * Sale orders changed since the cursor, turned into the status changes the webhooks missed. Odoo stamps
 * `write_date` with the transaction's start and retries a conflicting transaction for up to about half a
 * minute, so a record can appear after others stamped later: each pass reads from the cursor minus the
 * safety window, in (`write_date`, `id`) order, paging by that pair (stable while records change). Changes
 * already recorded are recognised by the status memory and the log's keys. The cursor (the latest
 * `write_date` read) moves only once every change read has been recorded.
 */
export async function reconcileOdooOrders(context: OdooPassContext): Promise<SourceSummary> {
  const cursor = (await context.cursors.get('odoo:sale.order')) ?? context.startAt;
  const summary = emptySummary(cursor);
  const from = where('write_date', '>=', odooTime(minus(cursor, context.safetyWindowMs)));
  let newest = cursor;
  let last: { writeDate: string; id: number } | null = null;
  for (;;) {
    const after: typeof from = last
      ? or(
          where('write_date', '>', odooTime(last.writeDate)),
          and(where('write_date', '=', odooTime(last.writeDate)), where('id', '>', last.id)),
        )
      : [];
    const page = await context.odoo.searchRead('sale.order', {
      domain: and(from, after),
      fields: ORDER_FIELDS,
      order: 'write_date asc, id asc',
      limit: context.pageSize,
    });
    for (const order of page) {
      summary.read += 1;
      const outcome = await recordOrderChange(order, { ...context, source: 'reconciliation' });
      if (outcome === 'appended') summary.appended += 1;
      if (outcome === 'duplicate') summary.duplicates += 1;
      const writeDate = order.write_date ?? cursor;
      newest = later(newest, writeDate);
      last = { writeDate, id: order.id };
    }
    if (page.length < context.pageSize) break;
  }
  await context.cursors.set('odoo:sale.order', newest);
  summary.cursor = newest;
  return summary;
}
