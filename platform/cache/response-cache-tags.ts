import type { CanonicalEvent, NewEvent } from '../events/canonical-event.js';
import { eventDataOf } from '../events/event-data.js';

/** What the tags of an event depend on: a stored event, or one about to be appended. */
type TaggedEvent = Pick<CanonicalEvent, 'type' | 'subject' | 'tenantPartnerId' | 'data'> | NewEvent;

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
export function invalidationTags(event: TaggedEvent): string[] {
  const { subject, tenantPartnerId: tenant } = event;
  switch (event.type) {
    case 'order.status_changed':
      return [`Order:${subject}`, ...listTags(ORDER_LISTS, tenant)];
    case 'fulfillment.updated': {
      const parcels = (eventDataOf(event as CanonicalEvent, 'fulfillment.updated')?.packages ?? []).flatMap(
        (parcel) =>
          parcel.trackingNumber
            ? [`Package:${parcel.trackingNumber}`, `Shipment:${parcel.trackingNumber}`]
            : [],
      );
      return [`Order:${subject}`, `Fulfillment:${subject}`, ...parcels];
    }
    case 'shipment.updated': {
      const order = eventDataOf(event as CanonicalEvent, 'shipment.updated')?.orderNumber;
      return [`Shipment:${subject}`, `Package:${subject}`, ...(order ? [`Order:${order}`] : [])];
    }
    case 'stock.changed': {
      const sku =
        eventDataOf(event as CanonicalEvent, 'stock.changed')?.sku ??
        subject.slice(0, subject.lastIndexOf('@'));
      return [`Product:${sku}`, `LineAvailability:${sku}`];
    }
    case 'order.fulfilled': {
      const data = eventDataOf(event as CanonicalEvent, 'order.fulfilled');
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
