/**
 * EasyPost objects → the canonical shipping shapes (see the table in schema/canonical/shipping.ts).
 * Input is already validated by wire.ts; what validation cannot say (a bad date) is CARRIER_PROTOCOL.
 */
import type {
  Label,
  Rate,
  RateFailure,
  Shipment,
  TrackingEvent,
  TrackingLocation,
} from '../../schema/canonical/shipping.js';
import { CarrierProtocolError } from './errors.js';
import { fromEasyPostStatus } from './shipment-status.js';
import type { MessageWire, RateWire, ShipmentWire, TrackerWire } from './wire.js';

/** An API timestamp as ISO 8601 UTC. */
export function isoTime(value: string, field: string): string {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new CarrierProtocolError(`${field} is not a timestamp: ${value}`);
  return time.toISOString();
}

export function mapRate(rate: RateWire): Rate {
  return {
    id: rate.id,
    carrierShipmentId: rate.shipment_id,
    carrier: rate.carrier,
    carrierAccountId: rate.carrier_account_id,
    service: rate.service,
    price: { amount: rate.rate, currency: rate.currency.toUpperCase() },
    deliveryDays: rate.delivery_days ?? null,
    deliveryDate: rate.delivery_date ? isoTime(rate.delivery_date, 'delivery_date').slice(0, 10) : null,
    deliveryDateGuaranteed: rate.delivery_date_guaranteed ?? false,
  };
}

/** A shipment's `messages` of type `rate_error`: the carriers that could not quote. */
export function mapRateFailures(messages: readonly MessageWire[]): RateFailure[] {
  return messages
    .filter((message) => message.type === 'rate_error')
    .map((message) => ({
      carrier: message.carrier,
      carrierAccountId: message.carrier_account_id ?? null,
      message: message.message,
    }));
}

function location(detail: TrackerWire['tracking_details'][number]): TrackingLocation | null {
  const where = detail.tracking_location;
  if (!where || (!where.city && !where.state && !where.zip && !where.country)) return null;
  return {
    city: where.city ?? null,
    state: where.state ?? null,
    postalCode: where.zip ?? null,
    country: where.country ?? null,
  };
}

export function mapTrackingEvents(tracker: TrackerWire): TrackingEvent[] {
  return tracker.tracking_details
    .map((detail) => ({
      occurredAt: isoTime(detail.datetime, 'tracking_details.datetime'),
      status: fromEasyPostStatus(detail.status),
      message: detail.message ?? '',
      location: location(detail),
    }))
    .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
}

function label(shipment: ShipmentWire): Label | null {
  const postage = shipment.postage_label;
  if (!postage) return null;
  const type = postage.label_file_type ?? '';
  const format = /pdf/i.test(type) ? 'PDF' : /zpl/i.test(type) ? 'ZPL' : /png/i.test(type) ? 'PNG' : type;
  return {
    url: postage.label_url,
    format,
    createdAt: isoTime(postage.created_at, 'postage_label.created_at'),
  };
}

function latest(...times: (string | null | undefined)[]): string {
  const present = times.filter((time): time is string => Boolean(time)).map((t) => isoTime(t, 'updated_at'));
  return present.sort().at(-1) ?? new Date(0).toISOString();
}

/** A tracker, with the shipment it was bought on when there is one (service, label, reference, postage). */
export function mapTracker(tracker: TrackerWire, shipment?: ShipmentWire | null): Shipment {
  const selected = shipment?.selected_rate;
  const refunded = shipment?.refund_status === 'refunded';
  return {
    carrierShipmentId: shipment?.id ?? tracker.shipment_id ?? null,
    trackingNumber: tracker.tracking_code,
    carrier: selected?.carrier ?? tracker.carrier,
    service: selected?.service ?? tracker.carrier_detail?.service ?? null,
    status: refunded ? 'CANCELLED' : fromEasyPostStatus(tracker.status),
    reference: shipment?.reference ?? null,
    estimatedDeliveryAt: tracker.est_delivery_date
      ? isoTime(tracker.est_delivery_date, 'est_delivery_date')
      : null,
    events: mapTrackingEvents(tracker),
    label: shipment ? label(shipment) : null,
    postage: selected ? { amount: selected.rate, currency: selected.currency.toUpperCase() } : null,
    createdAt: isoTime(shipment?.created_at ?? tracker.created_at, 'created_at'),
    updatedAt: latest(shipment?.updated_at, tracker.updated_at, shipment?.created_at, tracker.created_at),
  };
}

/** A bought shipment; null when no label was bought on it (it is only a rate quote). */
export function mapShipment(shipment: ShipmentWire): Shipment | null {
  const code = shipment.tracking_code ?? shipment.tracker?.tracking_code;
  if (!shipment.selected_rate || !code) return null;
  if (shipment.tracker) return mapTracker(shipment.tracker, shipment);
  const selected = shipment.selected_rate;
  // A label without a tracker yet: nothing scanned, which is what pre_transit says.
  const pending: TrackerWire = {
    id: 'trk_pending',
    object: 'Tracker',
    tracking_code: code,
    status: 'pre_transit',
    carrier: selected.carrier,
    tracking_details: [],
    created_at: shipment.created_at,
  };
  return mapTracker(pending, shipment);
}

/** Where a parcel is, as its tracker alone says: a {@link Shipment} without the label's details. */
export type ParcelTracking = Pick<
  Shipment,
  'carrierShipmentId' | 'trackingNumber' | 'carrier' | 'status' | 'estimatedDeliveryAt' | 'events'
>;

export function parcelTracking(shipment: ParcelTracking): ParcelTracking {
  const { carrierShipmentId, trackingNumber, carrier, status, estimatedDeliveryAt, events } = shipment;
  return { carrierShipmentId, trackingNumber, carrier, status, estimatedDeliveryAt, events };
}

/**
 * EasyPost tracker statuses that only a carrier's scan sets, and `cancelled`. EasyPost refunds (voids)
 * only labels never scanned, so a scanned tracker's label cannot be refunded, and a cancelled one is
 * CANCELLED either way: the status of such a tracker needs no read of its shipment.
 */
const SCANNED = new Set([
  'in_transit',
  'out_for_delivery',
  'delivered',
  'available_for_pickup',
  'return_to_sender',
  'failure',
  'cancelled',
]);

/** Whether the tracker's own status is final on its label's refund (see {@link SCANNED}). */
export function scannedTrackerStatus(status: string): boolean {
  return SCANNED.has(status.toLowerCase());
}

/**
 * Trackers (with the shipments read for them) keyed by tracking code; where a code has several
 * trackers (one per carrier), the one updated last.
 */
export function latestByCode(
  trackers: readonly TrackerWire[],
  shipments: ReadonlyMap<string, ShipmentWire>,
): Map<string, Shipment> {
  const result = new Map<string, Shipment>();
  for (const tracker of trackers) {
    const mapped = mapTracker(tracker, tracker.shipment_id ? shipments.get(tracker.shipment_id) : null);
    const known = result.get(tracker.tracking_code);
    if (!known || known.updatedAt < mapped.updatedAt) result.set(tracker.tracking_code, mapped);
  }
  return result;
}
