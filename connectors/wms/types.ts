import type { Fulfillment } from '../../schema/canonical/fulfillment.js';
import type { WmsErrorCode } from './errors.js';

/** Where a fulfilment order ships to. */
export interface WmsShipTo {
  name: string;
  company?: string;
  street1: string;
  street2?: string;
  city: string;
  state: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  phone?: string;
  email?: string;
}

export interface CreateWmsOrderInput {
  /** Our order number (Odoo `name`); the WMS `order_number`, and the idempotency key of the create. */
  orderNumber: string;
  /** Our warehouse code (CHI, DAL...), mapped to the WMS warehouse by `WMS_WAREHOUSES`. */
  warehouseCode: string;
  shipTo: WmsShipTo;
  lines: { sku: string; quantity: number }[];
  /** ISO 8601 date or date-time. */
  requiredShipDate?: string;
  shippingMethod?: string;
}

export interface WmsOrdersPage {
  fulfillments: Fulfillment[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** ShipHero's webhook names (`webhook_create(data: { name })`) this connector knows. */
export const WMS_WEBHOOK_TYPES = [
  'Inventory Update',
  'Order Allocated',
  'Order Canceled',
  'Order Packed Out',
  'Shipment Update',
] as const;
export type WmsWebhookType = (typeof WMS_WEBHOOK_TYPES)[number];

/** One HTTP request to the WMS, for the metrics layer. */
export interface WmsCallEvent {
  /** The GraphQL root field(s) asked for, e.g. `orders`, `order_create`. */
  operation: string;
  outcome: 'ok' | WmsErrorCode;
  durationMs: number;
  /** The credits the WMS charged (sum of `complexity` of the root fields), when it answered. */
  complexity?: number;
}
