import { builder } from '../builder.js';
import './statuses.js';
import './customer.js';
import './invoice.js';
import './invoice-filter.js';
import './invoices-query.js';
import './order.js';

/** The invoicing subgraph's schema: invoices and credit notes, and the finances of orders and customers. */
export const invoicingSchema = builder.toSubGraphSchema({
  linkUrl: 'https://specs.apollo.dev/federation/v2.6',
});
