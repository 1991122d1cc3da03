import { z } from 'zod';
import type { NewEvent } from '../events/canonical-event.js';
import type { CacheEntryRef } from './cache-keys.js';

/** The fields of an event's data that name cached entities, whatever the event's type. */
const namedEntities = z.looseObject({
  orderNumber: z.string().min(1).nullish(),
  invoiceNumbers: z.array(z.string().min(1)).optional(),
});

const stockData = z.looseObject({ sku: z.string().min(1) });

/**
 * The cache entries an event makes stale, which must be evicted before anyone can read the event:
 *
 * - `stock.changed` → `stock:<sku>` (the product's levels in every warehouse: one entry per product);
 * - any event whose data names an order (`orderNumber`: status changes, fulfilment, shipments,
 *   `order.fulfilled`) → `order:<number>`;
 * - any event whose data lists invoices (`invoiceNumbers`, e.g. `order.fulfilled`) → `invoice:<number>`.
 *
 * Keyed on the data rather than on a list of types, so that a new event type naming an order evicts it
 * without a change here.
 */
export function entriesAffectedBy(event: Pick<NewEvent, 'type' | 'data'>): CacheEntryRef[] {
  const refs: CacheEntryRef[] = [];
  if (event.type === 'stock.changed') {
    const stock = stockData.safeParse(event.data);
    if (stock.success) refs.push({ type: 'stock', key: stock.data.sku });
  }
  const named = namedEntities.safeParse(event.data);
  if (named.success) {
    if (named.data.orderNumber) refs.push({ type: 'order', key: named.data.orderNumber });
    for (const number of named.data.invoiceNumbers ?? []) refs.push({ type: 'invoice', key: number });
  }
  return refs;
}
