import { requirePrincipal } from '../../../platform/graphql/require-principal.js';
import { fromGlobalId } from '../../../schema/canonical/global-id.js';
import { builder } from '../builder.js';
import { InvoiceType } from './invoice.js';

/**
 * The orders subgraph's Order, keyed by its opaque id, with its invoices added here. A partner asking
 * about another tenant's order gets an empty list: invoices are filtered row by row to the caller's
 * tenant, so nothing says whether that order even exists.
 */
builder
  .externalRef('Order', builder.selection<{ id: string }>('id'), (reference) => reference)
  .implement({
    description: 'A sales order of a customer; owned by the orders subgraph.',
    authenticated: true,
    requiresScopes: [['orders:read']],
    fields: (t) => ({
      id: t.exposeID('id', { description: 'Opaque, stable identifier.' }),
      invoices: t.field({
        type: [InvoiceType],
        description:
          'The invoices and credit notes issued for the order, oldest first (an order has few, so this list is not paginated).',
        requiresScopes: [['invoices:read']],
        resolve: (order, _args, context) => {
          requirePrincipal(context);
          const rowId = fromGlobalId('Order', order.id);
          return rowId === null ? [] : context.loaders.invoicesByOrderId.load(rowId);
        },
      }),
    }),
  });
