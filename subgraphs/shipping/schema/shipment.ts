import { CarrierProtocolError } from '../../../connectors/carrier/errors.js';
import type { ParcelTracking } from '../../../connectors/carrier/map-shipment.js';
import { requirePrincipal } from '../../../platform/graphql/require-principal.js';
import { toKeyedGlobalId } from '../../../schema/canonical/global-id.js';
import type {
  Label,
  Shipment,
  ShipmentStatus,
  TrackingEvent,
  TrackingLocation,
} from '../../../schema/canonical/shipping.js';
import { builder, Money } from '../builder.js';
import type { ShippingContext } from '../context.js';

export const ShipmentStatusType = builder.enumType('ShipmentStatus', {
  description:
    'Where a parcel is, one vocabulary for every carrier API (EasyPost, ShipEngine and Shippo codes map onto it; see connectors/carrier/shipment-status.ts).',
  values: {
    LABEL_CREATED: { description: 'A label exists; the carrier has not scanned the parcel yet.' },
    IN_TRANSIT: { description: 'Moving through the carrier’s network.' },
    OUT_FOR_DELIVERY: { description: 'On the vehicle for delivery today.' },
    AVAILABLE_FOR_PICKUP: { description: 'Waiting at a carrier location or locker for the recipient.' },
    DELIVERED: { description: 'Delivered.' },
    EXCEPTION: {
      description: 'Delivery failed or the carrier reports a problem (address, damage, attempt).',
    },
    RETURNED_TO_SENDER: { description: 'On its way back, or back, to the warehouse.' },
    CANCELLED: { description: 'The label was voided or the carrier cancelled the shipment.' },
    UNKNOWN: { description: 'The carrier has reported nothing we can place yet.' },
  } satisfies Record<ShipmentStatus, { description: string }>,
});

const TrackingLocationType = builder.objectRef<TrackingLocation>('TrackingLocation').implement({
  description: 'Where a tracking scan happened, as precisely as the carrier says.',
  fields: (t) => ({
    city: t.exposeString('city', { nullable: true, description: 'City.' }),
    state: t.exposeString('state', { nullable: true, description: 'State or region.' }),
    postalCode: t.exposeString('postalCode', { nullable: true, description: 'Postal code.' }),
    country: t.exposeString('country', { nullable: true, description: 'ISO 3166-1 alpha-2 country code.' }),
  }),
});

export const TrackingEventType = builder.objectRef<TrackingEvent>('TrackingEvent').implement({
  description: 'One scan or status change reported by the carrier.',
  fields: (t) => ({
    occurredAt: t.field({ type: 'DateTime', description: 'When it happened.', resolve: (e) => e.occurredAt }),
    status: t.field({
      type: ShipmentStatusType,
      description: 'The status it set.',
      resolve: (e) => e.status,
    }),
    message: t.exposeString('message', { description: 'The carrier’s own wording.' }),
    location: t.field({
      type: TrackingLocationType,
      nullable: true,
      description: 'Where, when the carrier says.',
      resolve: (e) => e.location,
    }),
  }),
});

const LabelType = builder.objectRef<Label>('ShippingLabel').implement({
  description: 'The printable label of a shipment.',
  fields: (t) => ({
    url: t.exposeString('url', { description: 'Where to download it.' }),
    format: t.exposeString('format', { description: 'PDF, PNG or ZPL.' }),
    createdAt: t.field({ type: 'DateTime', description: 'When it was bought.', resolve: (l) => l.createdAt }),
  }),
});

/** The orders subgraph's Order, by number; this subgraph adds its shipments. */
export const OrderRef = builder.externalRef(
  'Order',
  builder.selection<{ number: string }>('number'),
  (reference) => reference,
);

/** A shipment a partner may see: one whose order is its own. Internal callers see every shipment. */
export async function visibleShipment(
  shipment: Shipment | null,
  context: ShippingContext,
): Promise<Shipment | null> {
  const principal = requirePrincipal(context);
  if (!shipment || principal.kind === 'internal') return shipment;
  if (shipment.reference === null) return null;
  return (await context.loaders.orderVisible.load(shipment.reference)) ? shipment : null;
}

/** A shipment, or where its parcel is when only that was read (see the order's `shipments`). */
export type ShipmentSource = Shipment | ParcelTracking;

/** The fields a {@link ParcelTracking} answers; any other needs the label's details. */
export const TRACKING_FIELDS: ReadonlySet<string> = new Set([
  '__typename',
  'id',
  'trackingNumber',
  'carrier',
  'status',
  'estimatedDeliveryAt',
  'events',
]);

/** The whole shipment: itself, or read by its tracking number when only its tracking was. */
async function detailsOf(source: ShipmentSource, context: ShippingContext): Promise<Shipment> {
  if ('createdAt' in source) return source;
  const shipment = await context.loaders.shipmentByTrackingNumber.load(source.trackingNumber);
  if (!shipment)
    throw new CarrierProtocolError(`The carrier no longer knows tracking number ${source.trackingNumber}`);
  return shipment;
}

export const ShipmentType = builder.objectRef<ShipmentSource>('Shipment').implement({
  description: 'A parcel on its way with a carrier: its status and every tracking event.',
  authenticated: true,
  requiresScopes: [['shipments:read']],
  fields: (t) => ({
    id: t.id({
      description: 'Opaque, stable identifier.',
      resolve: (s) => toKeyedGlobalId('Shipment', `${s.carrier}:${s.trackingNumber}`),
    }),
    trackingNumber: t.exposeString('trackingNumber', { description: 'The carrier’s tracking number.' }),
    carrier: t.exposeString('carrier', { description: 'The carrier, e.g. "UPS".' }),
    service: t.string({
      nullable: true,
      description: 'The service, e.g. "Ground".',
      resolve: async (s, _args, context) => (await detailsOf(s, context)).service,
    }),
    status: t.field({ type: ShipmentStatusType, description: 'Where it is now.', resolve: (s) => s.status }),
    estimatedDeliveryAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the carrier expects to deliver it, when it says.',
      resolve: (s) => s.estimatedDeliveryAt,
    }),
    events: t.field({
      type: [TrackingEventType],
      description: 'Tracking events, oldest first (a few dozen at most, so not paginated).',
      resolve: (s) => s.events,
    }),
    order: t.field({
      type: OrderRef,
      nullable: true,
      description: 'The order shipped; null when the label was not bought by us.',
      resolve: async (s, _args, context) => {
        const { reference } = await detailsOf(s, context);
        return reference === null ? null : { number: reference };
      },
    }),
    label: t.field({
      type: LabelType,
      nullable: true,
      description: 'The label, once bought. Internal only.',
      requiresScopes: [['labels:read']],
      resolve: async (s, _args, context) => (await detailsOf(s, context)).label,
    }),
    postage: t.field({
      type: Money,
      nullable: true,
      description: 'What the label cost. Internal only.',
      requiresScopes: [['labels:read']],
      resolve: async (s, _args, context) => (await detailsOf(s, context)).postage,
    }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When the label or tracker was created.',
      resolve: async (s, _args, context) => (await detailsOf(s, context)).createdAt,
    }),
    updatedAt: t.field({
      type: 'DateTime',
      description: 'Last change reported.',
      resolve: async (s, _args, context) => (await detailsOf(s, context)).updatedAt,
    }),
  }),
});

builder.asEntity(ShipmentType, {
  key: builder.selection<{ trackingNumber: string }>('trackingNumber'),
  resolveReference: async (reference, context) =>
    visibleShipment(await context.loaders.shipmentByTrackingNumber.load(reference.trackingNumber), context),
});
