import { builder } from '../builder.js';
import './warehouse.js';
import './fulfillment.js';
import './order.js';

/** The warehouse subgraph's schema: fulfilment in the WMS (release, pick, pack, ship). */
export const warehouseSchema = builder.toSubGraphSchema({
  linkUrl: 'https://specs.apollo.dev/federation/v2.6',
});
