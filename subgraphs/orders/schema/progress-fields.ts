import { partnerProgressOf } from '../../../platform/orchestration/partner-progress.js';
import { builder } from '../builder.js';
import { OrderType } from './order.js';
import { OrderProgressType } from './progress-enums.js';
import { FulfillmentProgressType } from './progress-types.js';

builder.objectFields(OrderType, (t) => ({
  progress: t.field({
    type: OrderProgressType,
    nullable: true,
    description:
      'Where the order is in its fulfilment, simplified; null for orders not captured through the graph (or when progress is not available).',
    resolve: async (order, _args, context) => {
      const state = await context.progress?.byNumber.load(order.number);
      return state ? partnerProgressOf(state) : null;
    },
  }),
  fulfillmentProgress: t.field({
    type: FulfillmentProgressType,
    nullable: true,
    description:
      'The order-to-cash orchestration step by step: status, attempts, last error and times; internal only (scope `operations:read`). Null when the order has none.',
    requiresScopes: [['operations:read']],
    resolve: async (order, _args, context) => (await context.progress?.byNumber.load(order.number)) ?? null,
  }),
}));
