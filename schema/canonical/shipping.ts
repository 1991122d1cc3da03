/**
 * The shipping vocabulary as the carrier connector hands it to the subgraphs: rates, shipments (a
 * bought label and its tracking) and tracking events. The carrier API modelled is EasyPost's; the one
 * ShipmentStatus also maps ShipEngine's and Shippo's codes (see connectors/carrier/shipment-status.ts).
 *
 * | Canonical                   | EasyPost                                                      |
 * | --------------------------- | ------------------------------------------------------------- |
 * | Shipment.carrierShipmentId  | shipment `id` (shp_…); null when only a tracker is known       |
 * | Shipment.trackingNumber     | shipment `tracking_code` / tracker `tracking_code`             |
 * | Shipment.carrier / service  | `selected_rate.carrier` / `selected_rate.service`              |
 * | Shipment.status             | tracker `status` (label bought, nothing scanned: LABEL_CREATED)|
 * | Shipment.reference          | shipment `reference` (our order number)                       |
 * | Shipment.estimatedDeliveryAt| tracker `est_delivery_date`                                    |
 * | Shipment.events             | tracker `tracking_details`                                     |
 * | Shipment.label              | shipment `postage_label` (internal callers only)               |
 * | Rate                        | shipment `rates[]`                                             |
 */
import type { MoneyShape } from '../../platform/graphql/create-subgraph-builder.js';

export const shipmentStatuses = [
  /** A label exists; the carrier has not scanned the parcel yet. */
  'LABEL_CREATED',
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  /** Held at a carrier location or locker for the recipient to collect. */
  'AVAILABLE_FOR_PICKUP',
  'DELIVERED',
  /** Delivery failed or the carrier reports a problem (damage, address, attempted delivery). */
  'EXCEPTION',
  'RETURNED_TO_SENDER',
  /** The label was voided (refunded) or the carrier cancelled the shipment. */
  'CANCELLED',
  'UNKNOWN',
] as const;
export type ShipmentStatus = (typeof shipmentStatuses)[number];

export interface TrackingLocation {
  city: string | null;
  state: string | null;
  postalCode: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
}

export interface TrackingEvent {
  /** ISO 8601 UTC. */
  occurredAt: string;
  status: ShipmentStatus;
  /** The carrier's own wording, e.g. "Arrived at USPS Regional Facility". */
  message: string;
  location: TrackingLocation | null;
}

export interface Label {
  url: string;
  /** PDF, PNG or ZPL. */
  format: string;
  createdAt: string;
}

export interface Shipment {
  carrierShipmentId: string | null;
  trackingNumber: string;
  /** The carrier's name as the API spells it, e.g. USPS, UPS, FedEx. */
  carrier: string;
  service: string | null;
  status: ShipmentStatus;
  /** Our reference on the carrier's shipment: the order number, when the label was bought by us. */
  reference: string | null;
  estimatedDeliveryAt: string | null;
  /** Oldest first. */
  events: TrackingEvent[];
  label: Label | null;
  /** What the label cost. */
  postage: MoneyShape | null;
  createdAt: string;
  updatedAt: string;
}

export interface Rate {
  /** The carrier's rate id (rate_…), used to buy this rate. */
  id: string;
  carrierShipmentId: string;
  carrier: string;
  carrierAccountId: string;
  service: string;
  price: MoneyShape;
  /** Transit days the carrier quotes; null when it quotes none. */
  deliveryDays: number | null;
  /** YYYY-MM-DD, when quoted. */
  deliveryDate: string | null;
  deliveryDateGuaranteed: boolean;
}

/** A carrier that could not quote, with why (its account is down, the route is not served...). */
export interface RateFailure {
  carrier: string;
  carrierAccountId: string | null;
  message: string;
}

export interface RateQuote {
  rates: Rate[];
  failures: RateFailure[];
}

export interface PostalAddress {
  name: string | null;
  company: string | null;
  street1: string;
  street2: string | null;
  city: string;
  state: string | null;
  postalCode: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  phone: string | null;
  email: string | null;
}

export interface Parcel {
  /** Ounces, as EasyPost measures. */
  weightOz: number;
  lengthIn: number | null;
  widthIn: number | null;
  heightIn: number | null;
}
