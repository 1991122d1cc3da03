/**
 * The fulfilment vocabulary as the WMS connector hands it to the subgraphs. The WMS modelled is
 * ShipHero's public GraphQL API: one WMS order per sales order (`order_number` = our order number),
 * with its line items, the warehouse it is allocated to and the shipments packed out of it.
 *
 * FulfillmentStatus, in the order a fulfilment moves through it: RECEIVED (the WMS has the order, not
 * yet allocated) → ALLOCATED (stock reserved in a warehouse: released for picking) → PICKED → PACKED →
 * SHIPPED; or ON_HOLD (held, e.g. a short pick waiting for stock) and CANCELLED.
 */
export const fulfillmentStatuses = [
  'RECEIVED',
  'ALLOCATED',
  'PICKED',
  'PACKED',
  'SHIPPED',
  'ON_HOLD',
  'CANCELLED',
] as const;
export type FulfillmentStatus = (typeof fulfillmentStatuses)[number];

export interface FulfillmentLine {
  sku: string;
  quantity: number;
  /** Picked so far; below `quantity` after a short pick. */
  quantityPicked: number;
  quantityShipped: number;
  /** What the warehouse could not pick and waits for. */
  quantityBackordered: number;
}

/** One parcel packed out of the warehouse. */
export interface FulfillmentPackage {
  trackingNumber: string | null;
  carrier: string | null;
  service: string | null;
  /** Ounces. */
  weightOz: number | null;
  shippedAt: string | null;
}

export interface Fulfillment {
  /** The WMS's own id of the order. */
  wmsOrderId: string;
  orderNumber: string;
  /** Our warehouse code (CHI, DAL...), mapped from the WMS warehouse. */
  warehouseCode: string | null;
  status: FulfillmentStatus;
  /** ISO 8601 UTC; null until the step happened. */
  receivedAt: string;
  allocatedAt: string | null;
  pickedAt: string | null;
  packedAt: string | null;
  shippedAt: string | null;
  cancelledAt: string | null;
  /** Why the order is on hold, when it is. */
  holdReason: string | null;
  lines: FulfillmentLine[];
  packages: FulfillmentPackage[];
  updatedAt: string;
}

/** What the WMS has of one SKU in one warehouse. */
export interface WmsInventoryLevel {
  sku: string;
  warehouseCode: string;
  onHand: number;
  allocated: number;
  available: number;
  backordered: number;
}

/** A warehouse's open work as the WMS sees it. */
export interface WarehouseBacklog {
  warehouseCode: string;
  /** Orders not yet shipped or cancelled. */
  openOrders: number;
  /** Open orders by status. */
  byStatus: Partial<Record<FulfillmentStatus, number>>;
  /** Received time of the oldest open order, ISO 8601 UTC. */
  oldestOpenSince: string | null;
}
