import type { WmsWebhookDelivery } from '../../connectors/wms/index.js';
import { toUtcIso } from '../../connectors/wms/timestamps.js';
import type { Fulfillment, FulfillmentStatus } from '../../schema/canonical/fulfillment.js';
import type { KeyedEvent } from './carrier-events.js';
import { fulfillmentKey, stockKey } from './dedup-keys.js';

/** Our warehouse code for a WMS warehouse id, as a webhook spells it (legacy number or base64 id). */
export type WarehouseCodeOf = (wmsWarehouseId: string | number | undefined) => string | null;

/** Builds {@link WarehouseCodeOf} from WMS_WAREHOUSES (code → base64 id such as `V2FyZWhvdXNlOjcyMTAx`). */
export function warehouseCodes(map: Record<string, string>): WarehouseCodeOf {
  const byId = new Map<string, string>();
  for (const [code, id] of Object.entries(map)) {
    byId.set(id, code);
    const legacy = /^Warehouse:(\d+)$/.exec(Buffer.from(id, 'base64').toString('utf8'))?.[1];
    if (legacy) byId.set(legacy, code);
  }
  return (id) => (id === undefined ? null : (byId.get(String(id)) ?? null));
}

/** The canonical fulfilment status each order webhook announces. */
const WEBHOOK_STATUS = {
  'Order Allocated': 'ALLOCATED',
  'Order Packed Out': 'PACKED',
  'Order Canceled': 'CANCELLED',
  'Shipment Update': 'SHIPPED',
} as const satisfies Record<string, FulfillmentStatus>;

type Package = { trackingNumber: string | null; carrier: string | null; service: string | null };

function fulfillmentUpdated(
  orderNumber: string,
  status: FulfillmentStatus,
  context: { source: 'wms' | 'reconciliation'; time: string; tenantPartnerId: number | null },
  packages?: Package[],
): KeyedEvent {
  return {
    event: {
      type: 'fulfillment.updated',
      source: context.source,
      subject: orderNumber,
      time: context.time,
      tenantPartnerId: context.tenantPartnerId,
      data: { orderNumber, status, ...(packages ? { packages } : {}) },
    },
    dedupKey: fulfillmentKey(orderNumber, status),
  };
}

/**
 * The canonical events of a verified WMS delivery: `fulfillment.updated` about the order number (its
 * tenant found by the caller), or one `stock.changed` per SKU and warehouse of an inventory update.
 * `receivedAt` stands for the time of a change whose payload carries none.
 */
export function wmsEventsOf(
  delivery: WmsWebhookDelivery,
  context: { receivedAt: string; warehouseCodeOf: WarehouseCodeOf; tenantPartnerId: number | null },
): KeyedEvent[] {
  const payload = delivery.payload;
  if (payload.webhook_type === 'Inventory Update')
    return payload.inventory.map((line) => {
      const warehouseCode = context.warehouseCodeOf(line.updated_warehouse.warehouse_id);
      const subject = `${line.sku}@${warehouseCode ?? String(line.updated_warehouse.warehouse_id)}`;
      return {
        event: {
          type: 'stock.changed',
          source: 'wms',
          subject,
          time: context.receivedAt,
          tenantPartnerId: null,
          data: { sku: line.sku, warehouseCode, available: line.inventory, onHand: line.on_hand },
        },
        dedupKey: stockKey(delivery.messageId, subject),
      };
    });
  const status = WEBHOOK_STATUS[payload.webhook_type];
  const base = { source: 'wms' as const, tenantPartnerId: context.tenantPartnerId };
  if (payload.webhook_type === 'Shipment Update') {
    const packages = (payload.fulfillment.packages ?? []).map((p) => ({
      trackingNumber: p.tracking_number ?? null,
      carrier: p.shipping_carrier ?? null,
      service: p.shipping_method ?? null,
    }));
    const time = context.receivedAt;
    return [fulfillmentUpdated(payload.fulfillment.order_number, status, { ...base, time }, packages)];
  }
  const allocatedAt = payload.webhook_type === 'Order Allocated' ? toUtcIso(payload.allocated_at) : null;
  const time = allocatedAt ?? context.receivedAt;
  return [fulfillmentUpdated(payload.order_number, status, { ...base, time })];
}

/**
 * The events a reconciliation read of one WMS order stands for: one per step it has reached that a
 * webhook announces (allocated, packed, shipped, cancelled), each at the step's time, under the same keys
 * as the webhooks', so steps already announced are recognised and missed ones filled in.
 */
export function fulfillmentEventsOf(fulfillment: Fulfillment, tenantPartnerId: number | null): KeyedEvent[] {
  const steps: [FulfillmentStatus, string | null][] = [
    ['ALLOCATED', fulfillment.allocatedAt],
    ['PACKED', fulfillment.packedAt],
    ['SHIPPED', fulfillment.shippedAt],
    ['CANCELLED', fulfillment.cancelledAt],
  ];
  const packages = fulfillment.packages.map((p) => ({
    trackingNumber: p.trackingNumber,
    carrier: p.carrier,
    service: p.service,
  }));
  return steps.flatMap(([status, time]) =>
    time === null
      ? []
      : [
          fulfillmentUpdated(
            fulfillment.orderNumber,
            status,
            { source: 'reconciliation', time, tenantPartnerId },
            status === 'SHIPPED' ? packages : undefined,
          ),
        ],
  );
}

/** The order a delivery is about, to find its tenant; null for inventory updates. */
export function orderNumberOf(delivery: WmsWebhookDelivery): string | null {
  const payload = delivery.payload;
  if (payload.webhook_type === 'Inventory Update') return null;
  return payload.webhook_type === 'Shipment Update' ? payload.fulfillment.order_number : payload.order_number;
}
