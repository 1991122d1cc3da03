/** The emulator's own records: what a ShipHero account holds for this integration, in memory. */

export type OrderStage = 'received' | 'allocated' | 'picked' | 'packed' | 'shipped' | 'on_hold' | 'cancelled';

/** ShipHero's `fulfillment_status` for each stage (see connectors/wms/fulfillment-status.ts). */
export const FULFILLMENT_STATUS_OF: Record<OrderStage, string> = {
  received: 'pending',
  allocated: 'pending',
  picked: 'picked',
  packed: 'packed',
  shipped: 'fulfilled',
  on_hold: 'backorder',
  cancelled: 'canceled',
};

/** Stages from which the clock moves an order on. */
export const OPEN_STAGES: ReadonlySet<OrderStage> = new Set(['received', 'allocated', 'picked', 'packed']);

export interface EmuWarehouse {
  code: string;
  name: string;
  id: string;
  legacyId: number;
}

export interface EmuLine {
  id: string;
  legacyId: number;
  sku: string;
  partnerLineItemId: string;
  productName: string;
  quantity: number;
  allocated: number;
  picked: number;
  shipped: number;
  backordered: number;
}

export interface EmuPackage {
  trackingNumber: string;
  carrier: string;
  service: string;
  weightOz: number | null;
}

export interface EmuShipment {
  id: string;
  legacyId: number;
  createdAt: number;
  packages: EmuPackage[];
}

export interface EmuAddress {
  first_name?: string | null;
  last_name?: string | null;
  company?: string | null;
  address1?: string | null;
  address2?: string | null;
  city?: string | null;
  state?: string | null;
  zip?: string | null;
  country?: string | null;
  email?: string | null;
  phone?: string | null;
}

export interface EmuOrder {
  id: string;
  legacyId: number;
  orderNumber: string;
  shopName: string;
  warehouse: EmuWarehouse;
  address: EmuAddress;
  email: string | null;
  shippingMethod: string;
  requiredShipDate: string | null;
  lines: EmuLine[];
  stage: OrderStage;
  receivedAt: number;
  allocatedAt: number | null;
  pickedAt: number | null;
  packedAt: number | null;
  shippedAt: number | null;
  cancelledAt: number | null;
  /** When the order last moved, from which the next step is due. */
  lastStepAt: number;
  updatedAt: number;
  history: { at: number; information: string }[];
  shipments: EmuShipment[];
  /** Packages a seeder chose for the shipment still to come. */
  plannedPackages: EmuPackage[] | null;
}

export interface EmuStock {
  onHand: number;
  allocated: number;
  updatedAt: number;
}

export interface EmuWebhook {
  id: string;
  legacyId: number;
  name: string;
  url: string;
  shopName: string | null;
  secret: string;
  createdAt: number;
}
