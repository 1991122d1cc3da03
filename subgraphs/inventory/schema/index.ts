import { builder } from '../builder.js';
import './warehouse.js';
import './stock-level.js';
import './product.js';
import './availability.js';
import './stock-changed.js';

/** The inventory subgraph's schema: products by SKU, warehouses, stock levels and availability. */
export const inventorySchema = builder.toSubGraphSchema({
  linkUrl: 'https://specs.apollo.dev/federation/v2.6',
});
