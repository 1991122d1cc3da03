import { cursorToOffset, resolveOffsetConnection } from '@pothos/plugin-relay';
import { MAX_PAGE_SIZE } from '../../../platform/graphql/page-args.js';
import type { OrderFilter } from '../../../schema/canonical/orders.js';
import { builder } from '../builder.js';
import type { OrdersContext } from '../context.js';
import { throwIfIssues, type Issue } from './issues.js';
import { OrderFilterInput, parseOrderFilter } from './order-filter.js';
import { OrderType } from './order.js';

export const DEFAULT_PAGE_SIZE = 20;

/** A page as resolved, with its total counted only if a client asks for `totalCount`. */
interface Counted {
  countTotal: () => Promise<number>;
}

function isCounted(value: object): value is Counted {
  return 'countTotal' in value && typeof value.countTotal === 'function';
}

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
          if (!isCounted(connection)) throw new Error('OrderConnection resolved without a count');
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

/** Page arguments as the order lists take them. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** Adds a problem per bad page argument to `issues`. */
function checkPageArgs(args: PageArgs, issues: Issue[]): void {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE)
    issues.push({ argument: 'first', message: `must be between 1 and ${MAX_PAGE_SIZE}` });
  if (args.after) {
    let offset = Number.NaN;
    try {
      offset = cursorToOffset(args.after);
    } catch {
      // Not one of our cursors: reported below like any other unreadable cursor.
    }
    if (!Number.isSafeInteger(offset) || offset < 0)
      issues.push({ argument: 'after', message: 'not a cursor from this list' });
  }
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

/** One page of the orders matching `filter`, within the caller's scope. */
export async function resolveOrderPage(context: OrdersContext, args: PageArgs, filter: OrderFilter) {
  const { orders } = context.loaders;
  const page = await resolveOffsetConnection(
    { args: { first: args.first ?? DEFAULT_PAGE_SIZE, after: args.after }, maxSize: MAX_PAGE_SIZE },
    async ({ offset, limit }) => {
      const found = await orders.search({ filter, offset, limit });
      context.loaders.prime(found);
      return found;
    },
  );
  let total: Promise<number> | undefined;
  return { ...page, countTotal: () => (total ??= orders.count(filter)) };
}
