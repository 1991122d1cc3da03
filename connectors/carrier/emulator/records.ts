/** What the emulator stores: EasyPost's objects in the emulator's terms (times in epoch ms). */
import type { CarrierSpec, ServiceSpec } from './carriers.js';
import type { Place } from './geography.js';
import type { TrackingPlan } from './tracking-plan.js';

/** An address as the API takes and returns it (`zip`, not `postalCode`). */
export interface AddressRecord {
  name: string | null;
  company: string | null;
  street1: string;
  street2: string | null;
  city: string;
  state: string | null;
  zip: string;
  country: string;
  phone: string | null;
  email: string | null;
}

export interface ParcelRecord {
  weight: number;
  length: number | null;
  width: number | null;
  height: number | null;
}

export interface RateRecord {
  id: string;
  spec: CarrierSpec;
  service: ServiceSpec;
  cents: number;
  days: number;
  createdAt: number;
}

export interface MessageRecord {
  carrier: string;
  carrierAccountId: string;
  type: 'rate_error';
  message: string;
}

export interface PurchaseRecord {
  rateId: string;
  trackingCode: string;
  trackerId: string;
  labelId: string;
  at: number;
}

export interface RefundRecord {
  at: number;
  /** When a `submitted` refund becomes `refunded` (USPS takes a while; UPS and FedEx void at once). */
  completesAt: number;
  rejected: boolean;
}

export interface ShipmentRecord {
  id: string;
  reference: string | null;
  from: AddressRecord;
  to: AddressRecord;
  parcel: ParcelRecord;
  zone: number;
  rates: RateRecord[];
  messages: MessageRecord[];
  createdAt: number;
  updatedAt: number;
  purchase: PurchaseRecord | null;
  refund: RefundRecord | null;
}

export interface TrackerRecord {
  id: string;
  trackingCode: string;
  spec: CarrierSpec;
  service: string | null;
  shipmentId: string | null;
  plan: TrackingPlan;
  createdAt: number;
  /** When the label was voided: history stops there and the status is `cancelled`. */
  cancelledAt: number | null;
  /** Details already announced by webhook (`tracker.updated` goes out when more are visible). */
  announced: number;
  announcedStatus: string;
}

export interface WebhookRecord {
  id: string;
  url: string;
  secret: string | null;
  createdAt: number;
  disabledAt: number | null;
}

export function placeOf(address: AddressRecord): Place {
  return {
    city: address.city.toUpperCase(),
    state: address.state ?? '',
    zip: address.zip,
    country: address.country,
  };
}

export function addressRecord(address: {
  name: string | null;
  company: string | null;
  street1: string;
  street2: string | null;
  city: string;
  state: string | null;
  postalCode: string;
  country: string;
  phone: string | null;
  email: string | null;
}): AddressRecord {
  const { postalCode, ...rest } = address;
  return { ...rest, zip: postalCode };
}
