import { builder } from '../builder.js';
import './shipment.js';
import './order.js';
import './rates.js';
import './shipment-updated.js';

/** The shipping subgraph's schema: carriers, rates, shipments and tracking. */
export const shippingSchema = builder.toSubGraphSchema({
  linkUrl: 'https://specs.apollo.dev/federation/v2.6',
});
