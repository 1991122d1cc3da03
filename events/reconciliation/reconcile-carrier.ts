import type { CarrierClient } from '../../connectors/carrier/index.js';
import type { OdooClient } from '../../connectors/odoo/client.js';
import { FINAL_SHIPMENT_STATUSES, shipmentUpdated } from '../inbound/carrier-events.js';
import type { EventAppender } from '../inbound/event-appender.js';
import { tenantsOfOrders } from '../inbound/order-tenants.js';
import { later, minus, type ReconcileCursors } from './reconcile-cursors.js';
import { count, emptySummary, type SourceSummary } from './source-summary.js';

export interface CarrierPassContext {
  carrier: CarrierClient;
  odoo: OdooClient;
  events: EventAppender;
  cursors: ReconcileCursors;
  safetyWindowMs: number;
  startAt: string;
  pageSize: number;
}

/**
 * Trackers' current states, each as the `shipment.updated` its webhook would have carried (same key: a
 * state already announced appends nothing). EasyPost lists trackers by creation time, not by update, and
 * a tracker changes until its parcel is delivered, returned or cancelled; so the cursor is the creation
 * time of the oldest tracker still open (or, when all are final, of the newest read), and each pass reads
 * every tracker created since then, minus the safety window.
 */
export async function reconcileCarrierTrackers(context: CarrierPassContext): Promise<SourceSummary> {
  const cursor = (await context.cursors.get('carrier:trackers')) ?? context.startAt;
  const summary = emptySummary(cursor);
  const since = minus(cursor, context.safetyWindowMs);
  const tenantOf = tenantsOfOrders(context.odoo);
  let oldestOpen: string | null = null;
  let newest: string | null = null;
  let beforeId: string | undefined;
  for (;;) {
    const page = await context.carrier.trackersCreatedSince(since, { pageSize: context.pageSize, beforeId });
    for (const { shipment } of page.trackers) {
      summary.read += 1;
      const orderNumber = shipment.reference;
      const tenantPartnerId = await tenantOf(orderNumber);
      const { event, dedupKey } = shipmentUpdated(shipment, {
        source: 'reconciliation',
        orderNumber,
        tenantPartnerId,
      });
      count(summary, await context.events.append(event, { dedupKey }));
      const created = shipment.createdAt;
      if (!FINAL_SHIPMENT_STATUSES.has(shipment.status) && (oldestOpen === null || created < oldestOpen))
        oldestOpen = created;
      if (newest === null || created > newest) newest = created;
    }
    const lastId = page.trackers.at(-1)?.trackerId;
    if (!page.hasMore || !lastId) break;
    beforeId = lastId;
  }
  const next = oldestOpen ?? (newest === null ? cursor : later(newest, cursor));
  await context.cursors.set('carrier:trackers', next);
  summary.cursor = next;
  return summary;
}
