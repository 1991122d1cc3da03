import {
  notCancellableReasons,
  OdooOrderCancellation,
  type CancelOutcome,
  type NotCancellableReason,
} from '../../../connectors/odoo/sales/capture-cancel.js';
import { graphError } from '../../../platform/graphql/graph-error.js';
import { requirePrincipal } from '../../../platform/graphql/require-principal.js';
import type { Order } from '../../../schema/canonical/orders.js';
import { builder } from '../builder.js';
import { OrderType } from './order.js';

type CancelResult = CancelOutcome & { order: Order };

const NotCancellableReasonType = builder.enumType('NotCancellableReason', {
  description: 'Why an order cannot be cancelled through the API.',
  values: {
    SHIPPED: { description: 'Goods have left the warehouse: ask for a return instead.' },
    INVOICED: { description: 'An invoice is posted: ask for a credit note instead.' },
    LOCKED: { description: 'The distributor locked the order in Odoo.' },
  } satisfies Record<NotCancellableReason, { description: string }>,
});

const OrderCancelledType = builder
  .objectRef<Extract<CancelResult, { kind: 'CANCELLED' }>>('OrderCancelled')
  .implement({
    description:
      'The order is cancelled; its open deliveries and draft invoices with it, its stock released.',
    fields: (t) => ({
      order: t.field({ type: OrderType, description: 'The order, as it is now.', resolve: (r) => r.order }),
      alreadyCancelled: t.exposeBoolean('alreadyCancelled', {
        description: 'True when it was cancelled before this request (nothing was done).',
      }),
    }),
  });

const OrderNotCancellableType = builder
  .objectRef<Extract<CancelResult, { kind: 'NOT_CANCELLABLE' }>>('OrderNotCancellable')
  .implement({
    description: 'The order was left as it is.',
    fields: (t) => ({
      order: t.field({ type: OrderType, description: 'The order.', resolve: (r) => r.order }),
      reason: t.field({ type: NotCancellableReasonType, description: 'Why.', resolve: (r) => r.reason }),
    }),
  });

const CancelOrderResultType = builder.unionType('CancelOrderResult', {
  description: 'The order cancelled, or why it was not.',
  types: [OrderCancelledType, OrderNotCancellableType],
  resolveType: (result) => (result.kind === 'CANCELLED' ? OrderCancelledType : OrderNotCancellableType),
});

builder.mutationField('cancelOrder', (t) =>
  t.field({
    type: CancelOrderResultType,
    description: `Cancels an order (partners: their own) unless it is ${notCancellableReasons.join(', ').toLowerCase()}; cancelling a cancelled order is a success. Scope \`orders:write\`.`,
    authenticated: true,
    requiresScopes: [['orders:write']],
    args: {
      number: t.arg.string({ required: true, description: 'The order number, e.g. "S00042".' }),
      reason: t.arg.string({
        required: true,
        description: 'Why, for the distributor (1 to 500 characters).',
      }),
    },
    resolve: async (_root, args, context) => {
      requirePrincipal(context);
      const reason = args.reason.trim();
      if (reason.length === 0 || reason.length > 500)
        throw graphError('BAD_USER_INPUT', 'reason must be 1 to 500 characters.', {
          extensions: { issues: [{ argument: 'reason', message: 'must be 1 to 500 characters' }] },
        });
      const order = await context.loaders.orderByNumber.load(args.number);
      if (!order) throw graphError('NOT_FOUND', `No order ${args.number}.`);
      const outcome = await new OdooOrderCancellation(context.odoo).cancel(order.rowId, reason);
      context.renewLoaders();
      const now = await context.loaders.orderById.load(order.rowId);
      return { ...outcome, order: now ?? order };
    },
  }),
);
