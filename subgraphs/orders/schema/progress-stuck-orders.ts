import type { StuckOrder } from '../../../platform/orchestration/progress-reader.js';
import { decodeStuckCursor } from '../../../platform/orchestration/progress-reader.js';
import { graphError } from '../../../platform/graphql/graph-error.js';
import {
  DEFAULT_PAGE_SIZE,
  keysetConnection,
  keysetPageArgs,
  MAX_PAGE_SIZE,
} from '../../../platform/graphql/page-args.js';
import { requirePrincipal } from '../../../platform/graphql/require-principal.js';
import { builder } from '../builder.js';
import { OrderType } from './order.js';
import { OrderToCashPhaseType } from './progress-enums.js';
import { FulfillmentProgressType } from './progress-types.js';

const StuckOrderType = builder.objectRef<StuckOrder>('StuckOrder').implement({
  description: 'An order in a step (or its compensation) longer than the limit configured for it.',
  fields: (t) => ({
    order: t.field({
      type: OrderType,
      nullable: true,
      description: 'The order (null if it is gone from Odoo).',
      resolve: (s, _args, context) => context.loaders.orderByNumber.load(s.state.number),
    }),
    orderNumber: t.string({ description: 'The order number.', resolve: (s) => s.state.number }),
    phase: t.field({
      type: OrderToCashPhaseType,
      description: 'Where it is stuck.',
      resolve: (s) => s.phase,
    }),
    since: t.field({
      type: 'DateTime',
      description: 'When it entered that phase.',
      resolve: (s) => s.enteredAt,
    }),
    stuckForSeconds: t.int({
      description: 'How long it has been there.',
      resolve: (s) => Math.floor(s.stuckForMs / 1000),
    }),
    limitSeconds: t.int({ description: "The phase's limit.", resolve: (s) => Math.floor(s.limitMs / 1000) }),
    progress: t.field({
      type: FulfillmentProgressType,
      description: 'The whole orchestration.',
      resolve: (s) => s.state,
    }),
  }),
});

export const StuckOrderConnection = builder.connectionObject(
  {
    type: StuckOrderType,
    name: 'StuckOrderConnection',
    description: 'A page of stuck orders, longest in their phase first.',
    edgesNullable: { list: false, items: false },
    nodeNullable: false,
    edgesField: { description: 'The stuck orders of this page, each with its cursor.' },
  },
  {
    name: 'StuckOrderEdge',
    description: 'A stuck order in a page, with its cursor.',
    nodeField: { description: 'The stuck order.' },
  },
);

builder.queryFields((t) => ({
  stuckOrders: t.field({
    type: StuckOrderConnection,
    description:
      'Orders in an order-to-cash step (or compensation) longer than its configured limit, longest first: what operators look at. Internal only (scope `operations:read`).',
    authenticated: true,
    requiresScopes: [['operations:read']],
    args: {
      first: t.arg.int({
        required: false,
        defaultValue: DEFAULT_PAGE_SIZE,
        description: `How many per page, 1 to ${MAX_PAGE_SIZE}.`,
      }),
      after: t.arg.string({
        required: false,
        description: 'The `endCursor` of the previous page; omit for the first page.',
      }),
    },
    resolve: async (_root, args, context) => {
      requirePrincipal(context);
      const { first, after } = keysetPageArgs(args, decodeStuckCursor);
      if (!context.progress) throw graphError('ORCHESTRATION_UNAVAILABLE');
      const page = await context.progress.reader.stuck(first, after);
      return keysetConnection(page.orders, (order) => order.cursor, {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: after !== null,
      });
    },
  }),
}));
