import type { CanonicalEvent } from '../../platform/events/canonical-event.js';
import { eventDataOf } from '../../platform/events/event-data.js';
import { EventError } from '../../platform/events/event-errors.js';
import type { EventHub } from '../../platform/events/event-hub.js';
import type { Logger } from '../../platform/logger.js';
import type { ResponseCacheStore } from './useResponseCacheStore.js';

/**
 * The list fields whose answers an event can change without naming an entity already in them (a new
 * order, a newly posted invoice). useResponseCache tags each response selecting one of them with the
 * coordinate and the caller's tenant, e.g. `Query.orders@7` (`@internal` for internal callers).
 */
export const TENANT_LISTS = ['Query.orders', 'Customer.orders', 'Query.invoices'] as const;

/** The tag of list `coordinate` as answered to `tenant`. */
export const listTag = (coordinate: string, tenant: number | 'internal') => `${coordinate}@${tenant}`;

/** Tags of the lists that an event of `tenant` may change: the tenant's and internal callers'. */
function listTags(coordinates: readonly string[], tenant: number | null): string[] {
  return coordinates.flatMap((coordinate) =>
    tenant === null
      ? [listTag(coordinate, 'internal')]
      : [listTag(coordinate, tenant), listTag(coordinate, 'internal')],
  );
}

const ORDER_LISTS = ['Query.orders', 'Customer.orders'];

/**
 * The cache tags an event makes stale: the entities it names by business key (`Type:key`, the keys the
 * response cache records, see useResponseCache's `RESPONSE_CACHE_KEY_FIELDS`) and the tenant lists it may
 * add to. The subject alone decides the main entity, so an event whose data do not parse still evicts it.
 *
 * - `order.status_changed`: the Order, and the tenant's order lists (a new order or a new status).
 * - `fulfillment.updated`: the Order and its Fulfillment (by order number), and the parcels it names.
 * - `shipment.updated`: the Shipment and Package (by tracking number) and, when known, the Order.
 * - `stock.changed` (`SKU@WAREHOUSE`): the Product (its stock levels are inside it) and availability
 *   lines of the SKU.
 * - `order.fulfilled`: the Order, its Shipments and Invoices, and the tenant's order and invoice lists.
 */
export function invalidationTags(event: CanonicalEvent): string[] {
  const { subject, tenantPartnerId: tenant } = event;
  switch (event.type) {
    case 'order.status_changed':
      return [`Order:${subject}`, ...listTags(ORDER_LISTS, tenant)];
    case 'fulfillment.updated': {
      const parcels = (eventDataOf(event, 'fulfillment.updated')?.packages ?? []).flatMap((parcel) =>
        parcel.trackingNumber
          ? [`Package:${parcel.trackingNumber}`, `Shipment:${parcel.trackingNumber}`]
          : [],
      );
      return [`Order:${subject}`, `Fulfillment:${subject}`, ...parcels];
    }
    case 'shipment.updated': {
      const order = eventDataOf(event, 'shipment.updated')?.orderNumber;
      return [`Shipment:${subject}`, `Package:${subject}`, ...(order ? [`Order:${order}`] : [])];
    }
    case 'stock.changed': {
      const sku = eventDataOf(event, 'stock.changed')?.sku ?? subject.slice(0, subject.lastIndexOf('@'));
      return [`Product:${sku}`, `LineAvailability:${sku}`];
    }
    case 'order.fulfilled': {
      const data = eventDataOf(event, 'order.fulfilled');
      return [
        `Order:${subject}`,
        ...(data?.trackingNumbers ?? []).map((number) => `Shipment:${number}`),
        ...(data?.invoiceNumbers ?? []).map((number) => `Invoice:${number}`),
        ...listTags(['Query.invoices', ...ORDER_LISTS], tenant),
      ];
    }
    default:
      return [];
  }
}

export interface ResponseCacheInvalidation {
  /** Stops following the events. */
  close(): Promise<void>;
}

/**
 * Follows the live event stream and evicts the cached responses each event makes stale. Every gateway
 * does so, so each also discards what it computed before an event and would have stored after it (see
 * ResponseCacheStore.set). A follower that falls behind resumes after the last event it handled.
 */
export async function followResponseCacheInvalidation(options: {
  hub: EventHub;
  store: ResponseCacheStore;
  logger: Logger;
}): Promise<ResponseCacheInvalidation> {
  const { hub, store, logger } = options;
  let events = await hub.open({ filter: () => true });
  let stopped = false;
  const isLagging = (error: unknown) =>
    error instanceof EventError && error.code === 'EVENT_SUBSCRIBER_LAGGING';
  const run = async () => {
    let last: string | undefined;
    for (;;) {
      try {
        for await (const event of events) {
          last = event.id;
          const tags = invalidationTags(event);
          if (tags.length > 0) await store.invalidate(tags);
        }
        if (!stopped) logger.warn('the event stream ended: response cache off');
      } catch (error) {
        if (!stopped && isLagging(error)) {
          logger.warn({ after: last }, 'response cache invalidation fell behind; resuming');
          try {
            events = await hub.open({ filter: () => true, ...(last ? { after: last } : {}) });
            continue;
          } catch (reopenError) {
            logger.error({ err: reopenError }, 'response cache invalidation stopped: response cache off');
          }
        } else if (!stopped)
          logger.error({ err: error }, 'response cache invalidation stopped: response cache off');
      }
      // Without invalidation the cache could serve stale answers: bypass it from now on.
      store.close();
      return;
    }
  };
  const running = run();
  return {
    close: async () => {
      stopped = true;
      await events.return?.();
      await running;
    },
  };
}
