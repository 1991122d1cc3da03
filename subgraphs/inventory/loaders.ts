import DataLoader from 'dataloader';
import { OdooProducts } from '../../connectors/odoo/catalog/products.js';
import { OdooStockLevels } from '../../connectors/odoo/catalog/stock-levels.js';
import { OdooWarehouses } from '../../connectors/odoo/catalog/warehouses.js';
import type { OdooClient } from '../../connectors/odoo/client.js';
import type { Product, StockLevel, Warehouse } from '../../schema/canonical/inventory.js';

/** Per-request loaders: each batch of keys is one Odoo call, whatever the number of rows. */
export interface InventoryLoaders {
  products: OdooProducts;
  productBySku: DataLoader<string, Product | null>;
  warehouses(): Promise<Warehouse[]>;
  stockByProductRowId: DataLoader<number, StockLevel[]>;
}

export function createInventoryLoaders(odoo: OdooClient): InventoryLoaders {
  const products = new OdooProducts(odoo);
  const stock = new OdooStockLevels(odoo);
  const warehouseSource = new OdooWarehouses(odoo);
  let warehouses: Promise<Warehouse[]> | undefined;
  const loadWarehouses = () => (warehouses ??= warehouseSource.all());
  return {
    products,
    productBySku: new DataLoader(async (skus) => {
      const found = new Map((await products.bySkus(skus)).map((product) => [product.sku, product]));
      return skus.map((sku) => found.get(sku) ?? null);
    }),
    warehouses: loadWarehouses,
    stockByProductRowId: new DataLoader(async (rowIds) => {
      const levels = await stock.forProducts(rowIds, await loadWarehouses());
      return rowIds.map((rowId) => levels.filter((level) => level.productRowId === rowId));
    }),
  };
}
