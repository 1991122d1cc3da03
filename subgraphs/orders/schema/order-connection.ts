import type { GraphQLResolveInfo } from 'graphql';
import { throwIfIssues, type Issue } from '../../../platform/graphql/input-issues.js';
import {
  checkPageArgs,
  DEFAULT_PAGE_SIZE,
  isCountedPage,
  MAX_PAGE_SIZE,
  resolveCountedPage,
  type PageArgs,
} from '../../../platform/graphql/page-args.js';
import type { OrderFilter } from '../../../schema/canonical/orders.js';
import { builder } from '../builder.js';
import type { OrdersContext } from '../context.js';
import { OrderFilterInput, parseOrderFilter } from './order-filter.js';
import { OrderType } from './order.js';
import { linesAskedOfPage, wantsOnlyListedOrders } from './page-selection.js';

export const OrderConnection = builder.connectionObject(
  {
    type: OrderType,
    name: 'OrderConnection',
    description: 'A page of orders, newest first.',
    edgesNullable: { list: false, items: false },
    nodeNullable: false,
    edgesField: { description: 'The orders of this page, each with its cursor.' },
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many orders match, across all pages.',
        resolve: (connection) => {
          if (!isCountedPage(connection)) throw new Error('OrderConnection resolved without a count');
          return connection.countTotal();
        },
      }),
    }),
  },
  {
    name: 'OrderEdge',
    description: 'An order in a page, with its cursor.',
    nodeField: { description: 'The order.' },
  },
);

/** The arguments of every list of orders; `filter` is described per field. */
export function orderListArgs(filterDescription: string) {
  return builder.args((t) => ({
    first: t.int({
      required: false,
      defaultValue: DEFAULT_PAGE_SIZE,
      description: `How many orders per page, 1 to ${MAX_PAGE_SIZE}.`,
    }),
    after: t.string({
      required: false,
      description: 'The `endCursor` of the previous page; omit for the first page.',
    }),
    filter: t.field({ type: OrderFilterInput, required: false, description: filterDescription }),
  }));
}

/** The canonical filter of a list's arguments; throws BAD_USER_INPUT naming every bad argument. */
export function parseOrderListArgs(
  args: PageArgs & { filter?: Parameters<typeof parseOrderFilter>[0] },
): OrderFilter {
  const issues: Issue[] = [];
  checkPageArgs(args, issues);
  const filter = parseOrderFilter(args.filter, issues);
  throwIfIssues(issues);
  return filter;
}

/**
 * One page of the orders matching `filter`, within the caller's scope. A page asking no more of its
 * orders than a list shows reads only that, and keeps those partial orders out of the loaders; when it
 * asks for their lines too, the lines come in the same Odoo call and seed the lines loaders.
 */
export function resolveOrderPage(
  context: OrdersContext,
  args: PageArgs,
  filter: OrderFilter,
  info: GraphQLResolveInfo,
) {
  const { orders } = context.loaders;
  const listed = wantsOnlyListedOrders(info);
  return resolveCountedPage(
    args,
    async (offset, limit) => {
      if (listed) {
        const lines = linesAskedOfPage(info);
        if (lines === 'none') return orders.searchListed({ filter, offset, limit });
        const page = await orders.searchListedWithLines({ filter, offset, limit }, lines);
        context.loaders.primeLines(lines, page);
        return page.orders;
      }
      const found = await orders.search({ filter, offset, limit });
      context.loaders.prime(found);
      return found;
    },
    () => orders.count(filter),
  );
}
