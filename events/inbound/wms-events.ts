import type { WmsWebhookDelivery } from '../../connectors/wms/index.js';
import type { InboundEvent } from './event-appender.js';

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

const ORDER_STEP: Record<string, string> = {
  'Order Allocated': 'ALLOCATED',
  'Order Packed Out': 'PACKED',
  'Order Canceled': 'CANCELLED',
  'Shipment Update': 'SHIPPED',
};

/**
 * The canonical events of a verified WMS delivery: `fulfillment.updated` about the order number (its
 * tenant found by the caller), or one `stock.changed` per SKU and warehouse of an inventory update.
 */
export function wmsEventsOf(
  delivery: WmsWebhookDelivery,
  context: { time: string; warehouseCodeOf: WarehouseCodeOf; tenantPartnerId: number | null },
): InboundEvent[] {
  const payload = delivery.payload;
  const base = { source: 'wms', time: context.time };
  if (payload.webhook_type === 'Inventory Update')
    return payload.inventory.map((line) => {
      const warehouseCode = context.warehouseCodeOf(line.updated_warehouse.warehouse_id);
      return {
        ...base,
        type: 'stock.changed',
        subject: `${line.sku}@${warehouseCode ?? String(line.updated_warehouse.warehouse_id)}`,
        tenantPartnerId: null,
        data: { sku: line.sku, warehouseCode, available: line.inventory, onHand: line.on_hand },
      };
    });
  const orderNumber =
    payload.webhook_type === 'Shipment Update' ? payload.fulfillment.order_number : payload.order_number;
  const data: Record<string, unknown> = { orderNumber, status: ORDER_STEP[payload.webhook_type] };
  if (payload.webhook_type === 'Shipment Update')
    data.packages = (payload.fulfillment.packages ?? []).map((p) => ({
      trackingNumber: p.tracking_number ?? null,
      carrier: p.shipping_carrier ?? null,
      service: p.shipping_method ?? null,
    }));
  return [
    {
      ...base,
      type: 'fulfillment.updated',
      subject: orderNumber,
      tenantPartnerId: context.tenantPartnerId,
      data,
    },
  ];
}

/** The order a delivery is about, to find its tenant; null for inventory updates. */
export function orderNumberOf(delivery: WmsWebhookDelivery): string | null {
  const payload = delivery.payload;
  if (payload.webhook_type === 'Inventory Update') return null;
  return payload.webhook_type === 'Shipment Update' ? payload.fulfillment.order_number : payload.order_number;
}
