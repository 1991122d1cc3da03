import { requirePrincipal } from '../../../platform/graphql/require-principal.js';
import { builder } from '../builder.js';
import { OrderConnection, orderListArgs, parseOrderListArgs, resolveOrderPage } from './order-connection.js';
import { OrderType } from './order.js';

builder.queryFields((t) => ({
  order: t.field({
    type: OrderType,
    nullable: true,
    description: 'One order by number, or null when there is none or it is not visible to the caller.',
    authenticated: true,
    requiresScopes: [['orders:read']],
    args: { number: t.arg.string({ required: true, description: 'The order number, e.g. "S00042".' }) },
    resolve: (_root, args, context) => {
      requirePrincipal(context);
      return context.loaders.orderByNumber.load(args.number);
    },
  }),
  orders: t.field({
    type: OrderConnection,
    description: 'The orders visible to the caller, newest first, a page at a time.',
    authenticated: true,
    requiresScopes: [['orders:read']],
    args: orderListArgs('Conditions on the orders.'),
    resolve: (_root, args, context, info) => {
      requirePrincipal(context);
      const filter = parseOrderListArgs(args);
      return resolveOrderPage(context, args, filter, info);
    },
  }),
}));
