import { builder } from '../builder.js';
import './statuses.js';
import './address.js';
import './customer.js';
import './product.js';
import './order-line.js';
import './order.js';
import './order-filter.js';
import './order-connection.js';
import './orders-query.js';
import './customer-orders.js';
import './order-status-changed.js';
import './capture-order.js';
import './cancel-order.js';
import './progress-fields.js';
import './progress-stuck-orders.js';

builder.mutationType({ description: 'What can be changed.' });

/** The orders subgraph's schema: customers, their addresses, orders and order lines; capturing and cancelling orders. */
export const ordersSchema = builder.toSubGraphSchema({
  linkUrl: 'https://specs.apollo.dev/federation/v2.6',
});
