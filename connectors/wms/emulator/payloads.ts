/**
 * Webhook bodies in ShipHero's shapes (developer.shiphero.com/webhooks): Inventory Update with quantities
 * as strings, Order Allocated, Order Canceled, Order Packed Out and Shipment Update (`fulfillment` with
 * `packages`). Ids are the legacy numbers with the base64 `*_uuid` beside them, as ShipHero sends.
 */
import type { InventoryBook } from './inventory.js';
import { isoDateTime } from './ids.js';
import type { EmuOrder, EmuShipment, EmuWarehouse } from './model.js';

export const ACCOUNT = { account_id: 70001, account_uuid: 'QWNjb3VudDo3MDAwMQ==' } as const;

function orderIdentity(order: EmuOrder) {
  return {
    order_id: order.legacyId,
    order_uuid: order.id,
    order_number: order.orderNumber,
    partner_order_id: order.orderNumber,
  };
}

export function orderAllocatedBody(order: EmuOrder): Record<string, unknown> {
  return {
    webhook_type: 'Order Allocated',
    allocation_reference: order.legacyId,
    ...ACCOUNT,
    warehouse_id: order.warehouse.legacyId,
    warehouse_uuid: order.warehouse.id,
    allocated_at: isoDateTime(order.allocatedAt ?? order.updatedAt),
    ...orderIdentity(order),
    line_items: order.lines
      .filter((line) => line.allocated > 0)
      .map((line) => ({
        id: line.legacyId,
        item_uuid: line.id,
        partner_line_item_id: line.partnerLineItemId,
        quantity: line.allocated,
        sku: line.sku,
        is_kit_component: false,
        created_at: isoDateTime(order.receivedAt),
      })),
    ready_to_ship: 1,
  };
}

export function orderCanceledBody(order: EmuOrder): Record<string, unknown> {
  return {
    webhook_type: 'Order Canceled',
    test: '0',
    ...ACCOUNT,
    ...orderIdentity(order),
    fulfillment_status: 'canceled',
  };
}

export function orderPackedOutBody(order: EmuOrder): Record<string, unknown> {
  return {
    webhook_type: 'Order Packed Out',
    test: '0',
    ...ACCOUNT,
    ...orderIdentity(order),
    warehouse_id: order.warehouse.legacyId,
    warehouse_uuid: order.warehouse.id,
    packed_out_at: isoDateTime(order.packedAt ?? order.updatedAt),
    items: order.lines.map((line) => ({ line_item_id: line.id, sku: line.sku, quantity: line.picked })),
  };
}

export function shipmentUpdateBody(order: EmuOrder, shipment: EmuShipment): Record<string, unknown> {
  const first = shipment.packages[0];
  return {
    test: '0',
    webhook_type: 'Shipment Update',
    fulfillment: {
      shipment_id: shipment.legacyId,
      shipment_uuid: shipment.id,
      warehouse: order.warehouse.name,
      warehouse_id: order.warehouse.legacyId,
      warehouse_uuid: order.warehouse.id,
      webhook_type: 'Shipment Update',
      partner_order_id: order.orderNumber,
      order_number: order.orderNumber,
      order_uuid: order.id,
      tracking_number: first?.trackingNumber ?? null,
      line_items: order.lines.map((line) => ({
        id: line.partnerLineItemId,
        shiphero_id: line.legacyId,
        quantity: line.shipped,
        sku: line.sku,
        package: 'Package #1',
      })),
      shipping_carrier: first?.carrier ?? null,
      shipping_method: first?.service ?? null,
      package_number: 1,
      total_packages: shipment.packages.length,
      packages: shipment.packages.map((p, i) => ({
        name: `Package #${i + 1}`,
        weight_in_oz: p.weightOz,
        tracking_number: p.trackingNumber,
        shipping_carrier: p.carrier,
        shipping_method: p.service,
      })),
    },
  };
}

export function inventoryUpdateBody(
  warehouse: EmuWarehouse,
  skus: readonly string[],
  inventory: InventoryBook,
  backorderOf: (sku: string) => number,
  now: number,
): Record<string, unknown> {
  return {
    ...ACCOUNT,
    webhook_type: 'Inventory Update',
    inventory: [...new Set(skus)].map((sku) => {
      const stock = inventory.get(warehouse.id, sku, now);
      const available = String(stock.onHand - stock.allocated);
      return {
        sku,
        inventory: available,
        backorder_quantity: String(backorderOf(sku)),
        on_hand: String(stock.onHand),
        virtual: false,
        updated_warehouse: {
          warehouse_id: warehouse.legacyId,
          warehouse_uuid: warehouse.id,
          identifier: warehouse.code,
          inventory: available,
          on_hand: String(stock.onHand),
        },
      };
    }),
  };
}
