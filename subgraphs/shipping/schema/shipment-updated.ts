import type { EventData } from '../../../platform/events/event-data.js';
import {
  checkSubscriptionArgs,
  EVENT_DOCS,
  type EventEnvelope,
  eventPayload,
  subscribeToEvents,
  tenantMayReceive,
} from '../../../platform/graphql/event-subscription.js';
import { requirePrincipal } from '../../../platform/graphql/require-principal.js';
import type { TrackingEvent } from '../../../schema/canonical/shipping.js';
import { builder } from '../builder.js';
import {
  OrderRef,
  ShipmentStatusType,
  ShipmentType,
  TrackingEventType,
  visibleShipment,
} from './shipment.js';

type ShipmentUpdate = EventData<'shipment.updated'> & EventEnvelope;

const ShipmentUpdateType = builder.objectRef<ShipmentUpdate>('ShipmentUpdate').implement({
  description: 'The carrier reported progress on a parcel.',
  fields: (t) => ({
    eventId: t.exposeID('eventId', {
      description: EVENT_DOCS.eventId,
    }),
    occurredAt: t.field({
      type: 'DateTime',
      description: 'When the carrier reported it.',
      resolve: (u) => u.occurredAt,
    }),
    trackingNumber: t.exposeString('trackingNumber', { description: 'The carrier’s tracking number.' }),
    carrier: t.exposeString('carrier', { description: 'The carrier, e.g. "UPS".' }),
    status: t.field({
      type: ShipmentStatusType,
      description: 'Where the parcel is now.',
      resolve: (u) => u.status,
    }),
    estimatedDeliveryAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the carrier now expects to deliver it, when it says.',
      resolve: (u) => u.estimatedDeliveryAt,
    }),
    lastEvent: t.field({
      type: TrackingEventType,
      nullable: true,
      description: 'The scan or status change that caused this update, when the carrier sent one.',
      resolve: (u): TrackingEvent | null =>
        u.lastEvent && {
          occurredAt: u.lastEvent.occurredAt,
          status: u.lastEvent.status,
          message: u.lastEvent.message,
          location: (u.lastEvent.location as TrackingEvent['location'] | undefined) ?? null,
        },
    }),
    order: t.field({
      type: OrderRef,
      nullable: true,
      description: 'The order shipped; null when the label was not bought by us.',
      resolve: (u) => (u.orderNumber === null ? null : { number: u.orderNumber }),
    }),
    shipment: t.field({
      type: ShipmentType,
      nullable: true,
      description:
        'The whole shipment as the carrier tells it when this update is delivered (asks the carrier); null if it no longer knows it.',
      resolve: async (u, _args, context) =>
        visibleShipment(await context.loaders.shipmentByTrackingNumber.load(u.trackingNumber), context),
    }),
  }),
});

builder.subscriptionType({ description: 'Events, pushed over graphql-ws as they happen.' });

builder.subscriptionField('shipmentUpdated', (t) =>
  t.field({
    type: ShipmentUpdateType,
    description:
      'Each tracking update of a parcel of your orders. With `after`, first every update after that event still kept (7 days), in order, then live ones, with none missed or repeated.',
    authenticated: true,
    requiresScopes: [['shipments:read']],
    args: {
      trackingNumbers: t.arg.stringList({
        required: false,
        description: 'Only these parcels (1 to 100 tracking numbers).',
      }),
      orderNumbers: t.arg.stringList({
        required: false,
        description: 'Only parcels of these orders (1 to 100 order numbers).',
      }),
      after: t.arg.id({
        required: false,
        description: EVENT_DOCS.after,
      }),
    },
    subscribe: (_root, args, context) => {
      const principal = requirePrincipal(context);
      const after = args.after == null ? null : String(args.after);
      checkSubscriptionArgs({
        after,
        lists: { trackingNumbers: args.trackingNumbers, orderNumbers: args.orderNumbers },
      });
      const codes = args.trackingNumbers ? new Set(args.trackingNumbers) : null;
      const orders = args.orderNumbers ? new Set(args.orderNumbers) : null;
      return subscribeToEvents(
        context.events,
        { after },
        (event) => {
          if (event.type !== 'shipment.updated' || !tenantMayReceive(principal, event)) return false;
          if (codes !== null && !codes.has(event.subject)) return false;
          const orderNumber = event.data.orderNumber;
          return orders === null || (typeof orderNumber === 'string' && orders.has(orderNumber));
        },
        codes,
      );
    },
    resolve: (delivery, _args, context) => {
      const payload = eventPayload(delivery, 'shipment.updated');
      context.renewLoaders();
      return payload;
    },
  }),
);
