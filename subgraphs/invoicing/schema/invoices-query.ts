import { throwIfIssues, type Issue } from '../../../platform/graphql/input-issues.js';
import { checkPageArgs, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../platform/graphql/page-args.js';
import { requirePrincipal } from '../../../platform/graphql/require-principal.js';
import { builder } from '../builder.js';
import { InvoiceConnection, resolveInvoicePage } from './invoice-connection.js';
import { InvoiceFilterInput, parseInvoiceFilter } from './invoice-filter.js';
import { InvoiceType } from './invoice.js';

builder.queryFields((t) => ({
  invoice: t.field({
    type: InvoiceType,
    nullable: true,
    description:
      'One invoice or credit note by number, or null when there is none or it is not visible to the caller.',
    authenticated: true,
    requiresScopes: [['invoices:read']],
    args: {
      number: t.arg.string({ required: true, description: 'The invoice number, e.g. "INV/2026/00042".' }),
    },
    resolve: (_root, args, context) => {
      requirePrincipal(context);
      if (args.number.trim() === '' || args.number === '/')
        throwIfIssues([{ argument: 'number', message: 'must be an invoice number' }]);
      return context.loaders.invoiceByNumber.load(args.number);
    },
  }),
  // Forward pagination only, with documented arguments (like `orders`): `t.connection` would add
  // `last` and `before` and arguments the platform's builder leaves undescribed.
  invoices: t.field({
    type: InvoiceConnection,
    description: 'The invoices and credit notes visible to the caller, newest first, a page at a time.',
    authenticated: true,
    requiresScopes: [['invoices:read']],
    args: {
      first: t.arg.int({
        required: false,
        defaultValue: DEFAULT_PAGE_SIZE,
        description: `How many invoices per page, 1 to ${MAX_PAGE_SIZE}.`,
      }),
      after: t.arg.string({
        required: false,
        description: 'The `endCursor` of the previous page; omit for the first page.',
      }),
      filter: t.arg({
        type: InvoiceFilterInput,
        required: false,
        description: 'Conditions on the invoices.',
      }),
    },
    resolve: (_root, args, context) => {
      requirePrincipal(context);
      const issues: Issue[] = [];
      checkPageArgs(args, issues);
      const filter = parseInvoiceFilter(args.filter, issues);
      throwIfIssues(issues);
      return resolveInvoicePage(context, args, filter);
    },
  }),
}));
