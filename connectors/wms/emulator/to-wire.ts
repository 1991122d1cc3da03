/** The emulator's records in ShipHero's GraphQL shapes (field resolvers where ShipHero pages or takes arguments). */
import { decodeCursor, encodeCursor, isoDateTime } from './ids.js';
import type { WmsEmulator } from './emulator.js';
import type { EmuOrder } from './model.js';

export interface Page<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

/** Cursor paging over rows already in order; `keyOf` gives each row's stable position key. */
export function paginate<R, T>(
  rows: readonly R[],
  args: { first?: number | null; after?: string | null },
  keyOf: (row: R) => string,
  toNode: (row: R) => T,
): Page<T> {
  const after = decodeCursor(args.after);
  const start = after === undefined ? 0 : rows.findIndex((row) => keyOf(row) > after);
  const from = start < 0 ? rows.length : start;
  const first = Math.max(0, Math.min(args.first ?? 100, 100));
  const slice = rows.slice(from, from + first);
  const edges = slice.map((row) => ({ node: toNode(row), cursor: encodeCursor(keyOf(row)) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: from + first < rows.length,
      hasPreviousPage: from > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** A sortable key: last update, then id, both zero-padded. */
export function orderKey(order: EmuOrder): string {
  return `${String(order.updatedAt).padStart(15, '0')}:${String(order.legacyId).padStart(12, '0')}`;
}

const NO_HOLDS = {
  fraud_hold: false,
  address_hold: false,
  shipping_method_hold: false,
  operator_hold: false,
  payment_hold: false,
  client_hold: false,
};

export function orderToWire(order: EmuOrder, emulator: WmsEmulator): Record<string, unknown> {
  const warehouseId = order.warehouse.id;
  return {
    id: order.id,
    legacy_id: order.legacyId,
    order_number: order.orderNumber,
    partner_order_id: order.orderNumber,
    shop_name: order.shopName,
    fulfillment_status: emulator.fulfillmentStatus(order),
    order_date: isoDateTime(order.receivedAt),
    required_ship_date: order.requiredShipDate,
    updated_at: isoDateTime(order.updatedAt),
    email: order.email,
    shipping_lines: {
      title: order.shippingMethod,
      method: order.shippingMethod,
      carrier: null,
      price: '0.00',
    },
    shipping_address: order.address,
    holds: NO_HOLDS,
    allocations:
      order.allocatedAt === null
        ? []
        : [
            {
              order_id: order.id,
              warehouse_id: warehouseId,
              allocated_at: isoDateTime(order.allocatedAt),
              allocation_reference: String(order.legacyId),
              ready_to_ship:
                order.stage === 'allocated' || order.stage === 'picked' || order.stage === 'packed',
              line_items: order.lines.map((l) => ({
                line_item_id: l.id,
                sku: l.sku,
                quantity_allocated: l.allocated,
              })),
            },
          ],
    line_items: (args: { first?: number | null; after?: string | null }) =>
      paginate(
        order.lines,
        args,
        (line) => String(line.legacyId).padStart(12, '0'),
        (line) => ({
          id: line.id,
          legacy_id: line.legacyId,
          sku: line.sku,
          partner_line_item_id: line.partnerLineItemId,
          product_name: line.productName,
          quantity: line.quantity,
          quantity_allocated: line.allocated,
          quantity_pending_fulfillment: line.quantity - line.shipped,
          quantity_shipped: line.shipped,
          backorder_quantity: order.stage === 'cancelled' ? 0 : line.backordered,
          warehouse_id: warehouseId,
          fulfillment_status: emulator.fulfillmentStatus(order),
        }),
      ),
    shipments: order.shipments.map((shipment) => ({
      id: shipment.id,
      legacy_id: shipment.legacyId,
      order_id: order.id,
      warehouse_id: warehouseId,
      created_date: isoDateTime(shipment.createdAt),
      shipping_labels: shipment.packages.map((p, i) => ({
        id: `${shipment.id}:${i + 1}`,
        shipment_id: shipment.id,
        order_id: order.id,
        order_number: order.orderNumber,
        tracking_number: p.trackingNumber,
        carrier: p.carrier,
        shipping_name: `${p.carrier} ${p.service}`,
        shipping_method: p.service,
        status: 'valid',
        created_date: isoDateTime(shipment.createdAt),
        dimensions: {
          weight: p.weightOz === null ? null : String(p.weightOz),
          height: null,
          width: null,
          length: null,
        },
      })),
    })),
    order_history: order.history.map((entry) => ({
      order_id: order.id,
      order_number: order.orderNumber,
      information: entry.information,
      username: 'warehouse',
      created_at: isoDateTime(entry.at),
    })),
  };
}
