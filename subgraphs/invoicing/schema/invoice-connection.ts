import { isCountedPage, resolveCountedPage, type PageArgs } from '../../../platform/graphql/page-args.js';
import type { InvoiceFilter } from '../../../schema/canonical/invoicing.js';
import { builder } from '../builder.js';
import type { InvoicingContext } from '../context.js';
import { InvoiceType } from './invoice.js';

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
          if (!isCountedPage(connection)) throw new Error('InvoiceConnection resolved without a count');
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

/** One page of the invoices matching `filter` within the caller's scope, newest first. */
export function resolveInvoicePage(context: InvoicingContext, args: PageArgs, filter: InvoiceFilter) {
  const { invoices } = context.loaders;
  return resolveCountedPage(
    args,
    async (offset, limit) => {
      const found = await invoices.search({ filter, offset, limit });
      context.loaders.prime(found);
      return found;
    },
    () => invoices.count(filter),
  );
}
