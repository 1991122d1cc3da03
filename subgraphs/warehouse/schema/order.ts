import { requirePrincipal } from '../../../platform/graphql/require-principal.js';
import { builder } from '../builder.js';
import { FulfillmentType } from './fulfillment.js';

/**
 * The orders subgraph's Order, by number, with its fulfilment added here. A partner asking about another
 * tenant's order gets null, as for an order the WMS has never seen.
 */
builder
  .externalRef('Order', builder.selection<{ number: string }>('number'), (reference) => reference)
  .implement({
    description: 'A sales order of a customer; owned by the orders subgraph.',
    authenticated: true,
    requiresScopes: [['orders:read']],
    fields: (t) => ({
      number: t.exposeString('number', { description: 'The order number, e.g. "S00042".' }),
      fulfillment: t.field({
        type: FulfillmentType,
        nullable: true,
        description: 'How the warehouse is fulfilling the order; null until it is released to the WMS.',
        resolve: (order, _args, context) => {
          requirePrincipal(context);
          return context.loaders.fulfillmentByOrderNumber.load(order.number);
        },
      }),
    }),
  });

builder.queryField('fulfillment', (t) =>
  t.field({
    type: FulfillmentType,
    nullable: true,
    description: 'The fulfilment of an order by its number; null when there is none or it is not yours.',
    authenticated: true,
    requiresScopes: [['orders:read']],
    args: { orderNumber: t.arg.string({ required: true, description: 'e.g. "S00042".' }) },
    resolve: (_root, args, context) => {
      requirePrincipal(context);
      const number = args.orderNumber.trim();
      return number === '' ? null : context.loaders.fulfillmentByOrderNumber.load(number);
    },
  }),
);
