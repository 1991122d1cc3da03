import type { Fulfillment, FulfillmentPackage } from '../../schema/canonical/fulfillment.js';
import { activeHolds, toFulfillmentStatus } from './fulfillment-status.js';
import { toUtcIso } from './timestamps.js';
import type { WireOrder } from './wire.js';

/**
 * The `order_history` entries that date the steps ShipHero has no dedicated field for. ShipHero writes
 * one history line per event; the integration matches on these prefixes.
 */
export const HISTORY_PREFIXES = {
  picked: 'Order picked',
  packed: 'Order packed out',
  cancelled: 'Order canceled',
} as const;

/** Converts one validated ShipHero order into our Fulfillment. `warehouseCodeOf` maps WMS ids back to codes. */
export function toFulfillment(order: WireOrder, warehouseCodeOf: (id: string) => string | null): Fulfillment {
  const lines = order.line_items.edges.map(({ node }) => node);
  const allocations = order.allocations ?? [];
  const status = toFulfillmentStatus({
    fulfillmentStatus: order.fulfillment_status,
    holds: order.holds,
    allocated: allocations.length > 0,
  });
  const historyAt = (prefix: string) =>
    toUtcIso(order.order_history?.find((entry) => entry.information?.startsWith(prefix))?.created_at);
  const pickedAt = historyAt(HISTORY_PREFIXES.picked);
  const warehouseId = allocations[0]?.warehouse_id ?? lines.find((line) => line.warehouse_id)?.warehouse_id;
  const packages = toPackages(order);
  const shippedAt =
    packages
      .map((p) => p.shippedAt)
      .filter((t): t is string => t !== null)
      .sort()[0] ?? null;
  const picked = pickedAt !== null || ['PICKED', 'PACKED', 'SHIPPED'].includes(status);
  return {
    wmsOrderId: order.id,
    orderNumber: order.order_number,
    warehouseCode: warehouseId ? warehouseCodeOf(warehouseId) : null,
    status,
    receivedAt: toUtcIso(order.order_date) ?? order.order_date,
    allocatedAt: toUtcIso(allocations[0]?.allocated_at),
    pickedAt,
    packedAt: historyAt(HISTORY_PREFIXES.packed),
    shippedAt: status === 'SHIPPED' ? shippedAt : null,
    cancelledAt:
      status === 'CANCELLED' ? (historyAt(HISTORY_PREFIXES.cancelled) ?? toUtcIso(order.updated_at)) : null,
    holdReason: status === 'ON_HOLD' ? holdReason(order) : null,
    lines: lines.map((line) => ({
      sku: line.sku,
      quantity: line.quantity,
      quantityPicked:
        status === 'SHIPPED' ? line.quantity_shipped : picked ? line.quantity - line.backorder_quantity : 0,
      quantityShipped: line.quantity_shipped,
      quantityBackordered: line.backorder_quantity,
    })),
    packages,
    updatedAt: toUtcIso(order.updated_at) ?? order.updated_at,
  };
}

/** An order's parcels: one per shipping label of its shipments. */
export function toPackages(order: Pick<WireOrder, 'shipments'>): FulfillmentPackage[] {
  return (order.shipments ?? []).flatMap((shipment) =>
    (shipment.shipping_labels ?? []).map((label): FulfillmentPackage => ({
      trackingNumber: label.tracking_number ?? null,
      carrier: label.carrier ?? null,
      service: label.shipping_method ?? null,
      weightOz: weightOz(label.dimensions?.weight),
      shippedAt: toUtcIso(label.created_date ?? shipment.created_date),
    })),
  );
}

function holdReason(order: WireOrder): string {
  const reasons = activeHolds(order.holds).map((name) => name.replace(/_/g, ' '));
  const short = order.line_items.edges
    .map(({ node }) => node)
    .filter((line) => line.backorder_quantity > 0)
    .map((line) => `${line.sku} × ${line.backorder_quantity}`);
  if (short.length > 0) reasons.push(`backordered: ${short.join(', ')}`);
  return reasons.length > 0 ? reasons.join('; ') : order.fulfillment_status;
}

function weightOz(weight: string | null | undefined): number | null {
  if (weight === null || weight === undefined || weight === '') return null;
  const value = Number(weight);
  return Number.isFinite(value) ? value : null;
}
