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
import { builder } from '../builder.js';
import { OrderType } from './order.js';
import { OrderStatusType } from './statuses.js';

type OrderStatusChange = EventData<'order.status_changed'> & EventEnvelope;

const OrderStatusChangeType = builder.objectRef<OrderStatusChange>('OrderStatusChange').implement({
  description: 'An order moved to another status.',
  fields: (t) => ({
    eventId: t.exposeID('eventId', {
      description: EVENT_DOCS.eventId,
    }),
    occurredAt: t.field({
      type: 'DateTime',
      description: 'When the change happened in Odoo.',
      resolve: (c) => c.occurredAt,
    }),
    orderNumber: t.exposeString('orderNumber', { description: 'The order’s number, e.g. "S00042".' }),
    status: t.field({ type: OrderStatusType, description: 'The status now.', resolve: (c) => c.status }),
    previousStatus: t.field({
      type: OrderStatusType,
      nullable: true,
      description: 'The status before; null the first time the order is seen.',
      resolve: (c) => c.previousStatus,
    }),
    order: t.field({
      type: OrderType,
      nullable: true,
      description: 'The order as it is when this event is delivered; null if it no longer exists.',
      resolve: (c, _args, context) => context.loaders.orderByNumber.load(c.orderNumber),
    }),
  }),
});

builder.subscriptionType({ description: 'Events, pushed over graphql-ws as they happen.' });

builder.subscriptionField('orderStatusChanged', (t) =>
  t.field({
    type: OrderStatusChangeType,
    description:
      'Each change of an order’s status, your orders only. With `after`, first every change after that event still kept (7 days), in order, then live ones, with none missed or repeated.',
    authenticated: true,
    requiresScopes: [['orders:read']],
    args: {
      orderNumbers: t.arg.stringList({
        required: false,
        description: 'Only these orders (1 to 100 numbers); all of yours when omitted.',
      }),
      after: t.arg.id({
        required: false,
        description: EVENT_DOCS.after,
      }),
    },
    subscribe: (_root, args, context) => {
      const principal = requirePrincipal(context);
      const after = args.after == null ? null : String(args.after);
      checkSubscriptionArgs({ after, lists: { orderNumbers: args.orderNumbers } });
      const numbers = args.orderNumbers ? new Set(args.orderNumbers) : null;
      return subscribeToEvents(
        context.events,
        { after },
        (event) =>
          event.type === 'order.status_changed' &&
          (numbers === null || numbers.has(event.subject)) &&
          tenantMayReceive(principal, event),
        numbers,
      );
    },
    resolve: (delivery, _args, context) => {
      const payload = eventPayload(delivery, 'order.status_changed');
      // One subscription keeps one context for its life: read the order afresh for each event.
      context.renewLoaders();
      return payload;
    },
  }),
);
