import type { EventData } from '../../../platform/events/event-data.js';
import {
  checkSubscriptionArgs,
  EVENT_DOCS,
  type EventEnvelope,
  eventPayload,
  subscribeToEvents,
} from '../../../platform/graphql/event-subscription.js';
import { requirePrincipal } from '../../../platform/graphql/require-principal.js';
import { builder } from '../builder.js';
import { ProductType } from './product.js';
import { WarehouseType } from './warehouse.js';

type StockChange = EventData<'stock.changed'> & EventEnvelope;

const StockChangeType = builder.objectRef<StockChange>('StockChange').implement({
  description: 'The stock of one product in one warehouse changed.',
  fields: (t) => ({
    eventId: t.exposeID('eventId', {
      description: EVENT_DOCS.eventId,
    }),
    occurredAt: t.field({
      type: 'DateTime',
      description: 'When the change was reported.',
      resolve: (c) => c.occurredAt,
    }),
    sku: t.exposeString('sku', { description: 'The product’s SKU.' }),
    warehouseCode: t.exposeString('warehouseCode', {
      nullable: true,
      description: 'The warehouse’s code; null when the source named a warehouse we have no code for.',
    }),
    available: t.field({
      type: 'Decimal',
      description: 'What can be promised now, in the product’s unit.',
      resolve: (c) => String(c.available),
    }),
    onHand: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'Physically in the warehouse, when the source says (scope `stock:exact`).',
      requiresScopes: [['stock:exact']],
      resolve: (c) => (c.onHand === null ? null : String(c.onHand)),
    }),
    product: t.field({
      type: ProductType,
      nullable: true,
      description: 'The product; null if Odoo no longer has it.',
      resolve: (c, _args, context) => context.loaders.productBySku.load(c.sku),
    }),
    warehouse: t.field({
      type: WarehouseType,
      nullable: true,
      description: 'The warehouse; null when the code is unknown.',
      resolve: async (c, _args, context) =>
        (await context.loaders.warehouses()).find((w) => w.code === c.warehouseCode) ?? null,
    }),
  }),
});

builder.subscriptionType({ description: 'Events, pushed over graphql-ws as they happen.' });

builder.subscriptionField('stockChanged', (t) =>
  t.field({
    type: StockChangeType,
    description:
      'Each change of a product’s stock in a warehouse. With `after`, first every change after that event still kept (7 days), in order, then live ones, with none missed or repeated.',
    authenticated: true,
    requiresScopes: [['stock:read']],
    args: {
      skus: t.arg.stringList({ required: false, description: 'Only these products (1 to 100 SKUs).' }),
      warehouseCode: t.arg.string({ required: false, description: 'Only this warehouse, by code.' }),
      after: t.arg.id({
        required: false,
        description: EVENT_DOCS.after,
      }),
    },
    subscribe: (_root, args, context) => {
      requirePrincipal(context);
      const after = args.after == null ? null : String(args.after);
      checkSubscriptionArgs({
        after,
        lists: { skus: args.skus, warehouseCode: args.warehouseCode == null ? null : [args.warehouseCode] },
      });
      const skus = args.skus ? new Set(args.skus) : null;
      const warehouse = args.warehouseCode ?? null;
      // Stock belongs to no tenant: whoever may read stock may follow it (exact figures need stock:exact).
      return subscribeToEvents(
        context.events,
        { after },
        (event) => {
          if (event.type !== 'stock.changed') return false;
          const sku = event.data.sku;
          if (skus !== null && !(typeof sku === 'string' && skus.has(sku))) return false;
          return warehouse === null || event.data.warehouseCode === warehouse;
        },
        // Subjects are `SKU@WAREHOUSE`: known only when both are given.
        skus && warehouse !== null ? [...skus].map((sku) => `${sku}@${warehouse}`) : null,
      );
    },
    resolve: (delivery, _args, context) => {
      const payload = eventPayload(delivery, 'stock.changed');
      context.renewLoaders();
      return payload;
    },
  }),
);
