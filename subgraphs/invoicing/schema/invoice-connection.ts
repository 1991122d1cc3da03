import { cursorToOffset, resolveOffsetConnection } from '@pothos/plugin-relay';
import { MAX_PAGE_SIZE } from '../../../platform/graphql/page-args.js';
import type { InvoiceFilter } from '../../../schema/canonical/invoicing.js';
import { builder } from '../builder.js';
import type { InvoicingContext } from '../context.js';
import { InvoiceType } from './invoice.js';
import type { Issue } from './issues.js';

export const DEFAULT_PAGE_SIZE = 20;

/** A page as resolved, with its total counted only if a client asks for `totalCount`. */
interface Counted {
  countTotal: () => Promise<number>;
}

function isCounted(value: object): value is Counted {
  return 'countTotal' in value && typeof value.countTotal === 'function';
}

export const InvoiceConnection = builder.connectionObject(
  {
    type: InvoiceType,
    name: 'InvoiceConnection',
    description: 'A page of invoices, newest first.',
    edgesNullable: { list: false, items: false },
    nodeNullable: false,
    edgesField: { description: 'The invoices of this page, each with its cursor.' },
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many invoices match, across all pages.',
        resolve: (connection) => {
          if (!isCounted(connection)) throw new Error('InvoiceConnection resolved without a count');
          return connection.countTotal();
        },
      }),
    }),
  },
  {
    name: 'InvoiceEdge',
    description: 'An invoice in a page, with its cursor.',
    nodeField: { description: 'The invoice.' },
  },
);

/** Page arguments as the invoice list takes them. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** Adds a problem per bad page argument to `issues`. */
export function checkPageArgs(args: PageArgs, issues: Issue[]): void {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE)
    issues.push({ argument: 'first', message: `must be between 1 and ${MAX_PAGE_SIZE}` });
  if (!args.after) return;
  let offset = Number.NaN;
  try {
    offset = cursorToOffset(args.after);
  } catch {
    // Not one of our cursors: reported below like any other unreadable cursor.
  }
  if (!Number.isSafeInteger(offset) || offset < 0)
    issues.push({ argument: 'after', message: 'not a cursor from this list' });
}

/** One page of the invoices matching `filter` within the caller's scope, newest first. */
export async function resolveInvoicePage(context: InvoicingContext, args: PageArgs, filter: InvoiceFilter) {
  const { invoices } = context.loaders;
  const page = await resolveOffsetConnection(
    { args: { first: args.first ?? DEFAULT_PAGE_SIZE, after: args.after }, maxSize: MAX_PAGE_SIZE },
    async ({ offset, limit }) => {
      const found = await invoices.search({ filter, offset, limit });
      context.loaders.prime(found);
      return found;
    },
  );
  let total: Promise<number> | undefined;
  return { ...page, countTotal: () => (total ??= invoices.count(filter)) };
}
