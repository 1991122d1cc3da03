import DataLoader from 'dataloader';
import { OdooProducts } from '../../connectors/odoo/catalog/products.js';
import { OdooStockLevels } from '../../connectors/odoo/catalog/stock-levels.js';
import { OdooWarehouses } from '../../connectors/odoo/catalog/warehouses.js';
import type { OdooClient } from '../../connectors/odoo/client.js';
import type { EntityCache } from '../../platform/cache/entity-cache.js';
import type { Product, StockLevel, Warehouse } from '../../schema/canonical/inventory.js';

/**
 * Per-request loaders: each batch of keys is one Odoo call, whatever the number of rows. With an entity
 * cache, products, warehouses and stock levels are read from Redis first (see platform/cache).
 */
export interface InventoryLoaders {
  products: OdooProducts;
  productBySku: DataLoader<string, Product | null>;
  /**
   * Products with at least their id, SKU and name: read for those only (other fields throw) without an
   * entity cache, the cached full products with one.
   */
  productNameBySku: DataLoader<string, Product | null>;
  warehouses(): Promise<Warehouse[]>;
  /** A product's levels in every warehouse (cached per SKU, which `stock.changed` names). */
  stockByProduct: DataLoader<Pick<Product, 'rowId' | 'sku'>, StockLevel[], number>;
}

export function createInventoryLoaders(odoo: OdooClient, cache: EntityCache | null = null): InventoryLoaders {
  const products = new OdooProducts(odoo);
  const stock = new OdooStockLevels(odoo);
  const warehouseSource = new OdooWarehouses(odoo);
  const fetchProducts = async (skus: readonly string[]) =>
    new Map((await products.bySkus(skus)).map((product) => [product.sku, product]));
  const fetchWarehouses = async () => new Map([['all', await warehouseSource.all()]]);
  let warehouses: Promise<Warehouse[]> | undefined;
  const loadWarehouses = () =>
    (warehouses ??= cache
      ? cache.load({ type: 'warehouse', fetch: fetchWarehouses }, ['all']).then(([all]) => all ?? [])
      : warehouseSource.all());
  const fetchStock = async (rowIdsBySku: ReadonlyMap<string, number>, skus: readonly string[]) => {
    const rowIds = skus.map((sku) => rowIdsBySku.get(sku)!);
    const levels = await stock.forProducts(rowIds, await loadWarehouses());
    return new Map(
      skus.map((sku, index) => [sku, levels.filter((level) => level.productRowId === rowIds[index])]),
    );
  };
  const productBySku = new DataLoader<string, Product | null>(async (skus) => {
    if (cache) return cache.load({ type: 'product', fetch: fetchProducts }, skus);
    const found = await fetchProducts(skus);
    return skus.map((sku) => found.get(sku) ?? null);
  });
  return {
    products,
    productBySku,
    productNameBySku: cache
      ? productBySku
      : new DataLoader(async (skus) => {
          const found = new Map((await products.namesBySkus(skus)).map((product) => [product.sku, product]));
          return skus.map((sku) => found.get(sku) ?? null);
        }),
    warehouses: loadWarehouses,
    stockByProduct: new DataLoader(
      async (batch) => {
        const rowIdsBySku = new Map(batch.map((product) => [product.sku, product.rowId]));
        const skus = [...rowIdsBySku.keys()];
        const found = cache
          ? new Map(
              (await cache.load({ type: 'stock', fetch: (keys) => fetchStock(rowIdsBySku, keys) }, skus)).map(
                (levels, index) => [skus[index]!, levels],
              ),
            )
          : await fetchStock(rowIdsBySku, skus);
        return batch.map((product) => found.get(product.sku) ?? []);
      },
      { cacheKeyFn: (product) => product.rowId },
    ),
  };
}
