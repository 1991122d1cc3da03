/**
 * Records → the JSON EasyPost answers with (easypost-node `types/*`), as of the emulator's `now`.
 * Times are ISO 8601 UTC without milliseconds, as the API sends them.
 */
import { centsToAmount, type CarrierSpec } from './carriers.js';
import type { Place } from './geography.js';
import type {
  AddressRecord,
  MessageRecord,
  RateRecord,
  ShipmentRecord,
  TrackerRecord,
  WebhookRecord,
} from './records.js';
import type { PlannedEvent } from './tracking-plan.js';

type Json = Record<string, unknown>;

/** Texts of the instants rendered lately: the same records are rendered again on every read. */
const isoTexts = new Map<number, string>();
const ISO_TEXTS_KEPT = 50_000;

export function iso(ms: number): string {
  let text = isoTexts.get(ms);
  if (text === undefined) {
    // toISOString always ends in `.sssZ`.
    text = `${new Date(ms).toISOString().slice(0, -5)}Z`;
    if (isoTexts.size >= ISO_TEXTS_KEPT) isoTexts.clear();
    isoTexts.set(ms, text);
  }
  return text;
}

const day = (ms: number) => `${new Date(ms).toISOString().slice(0, 10)}T23:59:00Z`;

function address(record: AddressRecord, id: string): Json {
  return { id, object: 'Address', mode: 'test', ...record, residential: null };
}

export function renderRate(rate: RateRecord, shipmentId: string): Json {
  const amount = centsToAmount(rate.cents);
  const retail = centsToAmount(Math.round(rate.cents * 1.18));
  return {
    id: rate.id,
    object: 'Rate',
    mode: 'test',
    shipment_id: shipmentId,
    carrier: rate.spec.carrier,
    carrier_account_id: rate.spec.accountId,
    service: rate.service.service,
    rate: amount,
    currency: 'USD',
    list_rate: retail,
    list_currency: 'USD',
    retail_rate: retail,
    retail_currency: 'USD',
    delivery_days: rate.days,
    est_delivery_days: rate.days,
    delivery_date: day(rate.createdAt + rate.days * 86_400_000),
    delivery_date_guaranteed: rate.service.guaranteed,
    created_at: iso(rate.createdAt),
    updated_at: iso(rate.createdAt),
  };
}

function message(record: MessageRecord): Json {
  return {
    carrier: record.carrier,
    carrier_account_id: record.carrierAccountId,
    type: record.type,
    message: record.message,
  };
}

function location(place: Place | null): Json {
  return {
    object: 'TrackingLocation',
    city: place?.city ?? null,
    state: place?.state ?? null,
    country: place?.country ?? null,
    zip: place?.zip ?? null,
  };
}

/** The planned events visible at `now` (the label scan always is), cut at a voided label. */
export function visibleEvents(tracker: TrackerRecord, now: number): PlannedEvent[] {
  const until = tracker.cancelledAt !== null ? Math.min(now, tracker.cancelledAt) : now;
  const events = tracker.plan.events;
  return events.filter((event, i) => i === 0 || event.at <= until);
}

export function trackerStatus(tracker: TrackerRecord, now: number): string {
  if (tracker.cancelledAt !== null && tracker.cancelledAt <= now) return 'cancelled';
  return visibleEvents(tracker, now).at(-1)?.status ?? 'unknown';
}

export function renderTracker(tracker: TrackerRecord, now: number): Json {
  const events = visibleEvents(tracker, now);
  const last = events.at(-1);
  const status = trackerStatus(tracker, now);
  const updatedAt = Math.max(
    tracker.createdAt,
    last?.at ?? 0,
    status === 'cancelled' ? tracker.cancelledAt! : 0,
  );
  return {
    id: tracker.id,
    object: 'Tracker',
    mode: 'test',
    tracking_code: tracker.trackingCode,
    status,
    status_detail: status === 'delivered' ? 'arrived_at_destination' : 'status_update',
    created_at: iso(tracker.createdAt),
    updated_at: iso(updatedAt),
    signed_by: null,
    weight: null,
    est_delivery_date: iso(tracker.plan.estDeliveryAt),
    shipment_id: tracker.shipmentId,
    carrier: tracker.spec.carrier,
    tracking_details: events.map((event) => ({
      object: 'TrackingDetail',
      message: event.message,
      description: '',
      status: event.status,
      status_detail: 'status_update',
      datetime: iso(event.at),
      source: tracker.spec.carrier,
      tracking_location: location(event.location),
    })),
    carrier_detail: { object: 'CarrierDetail', service: tracker.service },
    public_url: `https://track.easypost.com/${Buffer.from(tracker.id).toString('base64url')}`,
    fees: [],
  };
}

export function renderShipment(
  shipment: ShipmentRecord,
  tracker: TrackerRecord | undefined,
  now: number,
  baseUrl: string,
): Json {
  const purchase = shipment.purchase;
  const selected = purchase ? shipment.rates.find((rate) => rate.id === purchase.rateId) : undefined;
  const refund = shipment.refund;
  const refundStatus = !refund
    ? null
    : refund.rejected
      ? 'rejected'
      : refund.completesAt <= now
        ? 'refunded'
        : 'submitted';
  return {
    id: shipment.id,
    object: 'Shipment',
    mode: 'test',
    reference: shipment.reference,
    status: tracker ? trackerStatus(tracker, now) : 'unknown',
    to_address: address(shipment.to, `adr_to_${shipment.id.slice(4)}`),
    from_address: address(shipment.from, `adr_from_${shipment.id.slice(4)}`),
    return_address: address(shipment.from, `adr_from_${shipment.id.slice(4)}`),
    buyer_address: address(shipment.to, `adr_to_${shipment.id.slice(4)}`),
    parcel: { id: `prcl_${shipment.id.slice(4)}`, object: 'Parcel', mode: 'test', ...shipment.parcel },
    rates: shipment.rates.map((rate) => renderRate(rate, shipment.id)),
    selected_rate: selected ? renderRate(selected, shipment.id) : null,
    postage_label:
      purchase && selected
        ? {
            id: purchase.labelId,
            object: 'PostageLabel',
            label_date: iso(purchase.at),
            label_resolution: 300,
            label_size: '4x6',
            label_type: 'default',
            label_file_type: 'application/pdf',
            label_url: `${baseUrl}/labels/${purchase.labelId}.pdf`,
            label_pdf_url: `${baseUrl}/labels/${purchase.labelId}.pdf`,
            created_at: iso(purchase.at),
            updated_at: iso(purchase.at),
          }
        : null,
    messages: shipment.messages.map(message),
    tracking_code: purchase?.trackingCode ?? null,
    tracker: tracker ? renderTracker(tracker, now) : null,
    usps_zone: shipment.zone,
    refund_status: refundStatus,
    fees: [],
    forms: [],
    created_at: iso(shipment.createdAt),
    updated_at: iso(Math.max(shipment.updatedAt, refund?.at ?? 0)),
  };
}

export function renderCarrierAccount(spec: CarrierSpec, createdAt: number): Json {
  return {
    id: spec.accountId,
    object: 'CarrierAccount',
    type: spec.type,
    readable: spec.carrier,
    description: spec.description,
    reference: null,
    credentials: {},
    test_credentials: null,
    created_at: iso(createdAt),
    updated_at: iso(createdAt),
  };
}

export function renderWebhook(webhook: WebhookRecord): Json {
  return {
    id: webhook.id,
    object: 'Webhook',
    mode: 'test',
    url: webhook.url,
    disabled_at: webhook.disabledAt === null ? null : iso(webhook.disabledAt),
    custom_headers: [],
    created_at: iso(webhook.createdAt),
  };
}
