import { builder } from '../builder.js';
import { CustomerType } from './customer.js';
import { OrderConnection, orderListArgs, parseOrderListArgs, resolveOrderPage } from './order-connection.js';

/** Kept apart from customer.ts so that Customer and Order need not import each other. */
builder.objectField(CustomerType, 'orders', (t) =>
  t.field({
    type: OrderConnection,
    description: "The customer's orders, newest first, a page at a time.",
    requiresScopes: [['orders:read']],
    args: orderListArgs('Further conditions; a `customerId` other than this customer matches nothing.'),
    resolve: (customer, args, context, info) => {
      const filter = parseOrderListArgs(args);
      // Another customer's id asks for orders that are both this customer's and another's: none.
      // An empty status list is the canonical filter that matches nothing.
      if (filter.customerRowId !== undefined && filter.customerRowId !== customer.rowId)
        return resolveOrderPage(context, args, { ...filter, statuses: [] }, info);
      return resolveOrderPage(context, args, { ...filter, customerRowId: customer.rowId }, info);
    },
  }),
);
