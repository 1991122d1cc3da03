/**
 * The inventory vocabulary as the connectors hand it to the subgraphs. Odoo's `product.product` is a
 * Product keyed by its SKU (`default_code`); stock figures are Odoo's own, per warehouse.
 */
import type { MoneyShape } from '../../platform/graphql/create-subgraph-builder.js';

export interface Product {
  /** Odoo row id of the variant (kept inside the opaque id, never exposed alone). */
  rowId: number;
  sku: string;
  name: string;
  barcode: string | null;
  description: string | null;
  category: string | null;
  unit: string;
  listPrice: MoneyShape;
  /** Cost price per unit (Odoo `standard_price`); internal only. */
  cost: MoneyShape;
  /** Whether stock is tracked; untracked goods and services are always available. */
  tracksInventory: boolean;
  active: boolean;
  updatedAt: string;
}

export interface Warehouse {
  rowId: number;
  code: string;
  name: string;
}

/** One product's stock in one warehouse, in the product's unit. */
export interface StockLevel {
  productRowId: number;
  warehouse: Warehouse;
  unit: string;
  onHand: string;
  reserved: string;
  available: string;
  incoming: string;
  outgoing: string;
  forecast: string;
}
