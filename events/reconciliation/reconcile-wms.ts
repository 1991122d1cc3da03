import type { OdooClient } from '../../connectors/odoo/client.js';
import type { WmsClient } from '../../connectors/wms/index.js';
import type { EventAppender } from '../inbound/event-appender.js';
import { tenantsOfOrders } from '../inbound/order-tenants.js';
import { fulfillmentEventsOf } from '../inbound/wms-events.js';
import { later, minus, type ReconcileCursors } from './reconcile-cursors.js';
import { count, emptySummary, type SourceSummary } from './source-summary.js';

export interface WmsPassContext {
  wms: WmsClient;
  odoo: OdooClient;
  events: EventAppender;
  cursors: ReconcileCursors;
  safetyWindowMs: number;
  startAt: string;
  pageSize: number;
}

/**
 * WMS orders updated since the cursor (minus the safety window, for clock skew and late commits), each
 * standing for the fulfilment steps it has reached; steps a webhook already announced carry the same key
 * and append nothing. The cursor (latest `updated_at` read) moves once every step is recorded.
 */
export async function reconcileWmsOrders(context: WmsPassContext): Promise<SourceSummary> {
  const cursor = (await context.cursors.get('wms:orders')) ?? context.startAt;
  const summary = emptySummary(cursor);
  const since = minus(cursor, context.safetyWindowMs);
  const tenantOf = tenantsOfOrders(context.odoo);
  let newest = cursor;
  let after: string | undefined;
  for (;;) {
    const page = await context.wms.ordersUpdatedSince(since, { first: context.pageSize, after });
    for (const fulfillment of page.fulfillments) {
      summary.read += 1;
      const keyed = fulfillmentEventsOf(fulfillment, null);
      if (keyed.length > 0) {
        const tenantPartnerId = await tenantOf(fulfillment.orderNumber);
        for (const { event, dedupKey } of keyed)
          count(summary, await context.events.append({ ...event, tenantPartnerId }, { dedupKey }));
      }
      newest = later(newest, fulfillment.updatedAt);
    }
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
    after = page.pageInfo.endCursor;
  }
  await context.cursors.set('wms:orders', newest);
  summary.cursor = newest;
  return summary;
}
