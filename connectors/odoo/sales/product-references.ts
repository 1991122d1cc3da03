import type { ProductReference } from '../../../schema/canonical/orders.js';
import { productName } from '../catalog/products.js';
import type { OdooClient } from '../client.js';

/**
 * The SKU, name and unit of the products on order lines. JSON-2 cannot read `product_id.default_code`
 * through the line, so the products are read in one call of their own. The name is read as the
 * inventory subgraph reads Product.name, so that order lines can provide it (`@provides`): a page of
 * orders with product names then costs no trip to the inventory subgraph.
 */
export class OdooProductReferences {
  constructor(private readonly client: OdooClient) {}

  async byIds(ids: readonly number[]): Promise<ProductReference[]> {
    const records = await this.client.read('product.product', ids, ['default_code', 'name', 'uom_id']);
    return records.map((record) => ({
      rowId: record.id,
      sku: record.default_code,
      name: productName(record),
      // The line's own unit (`product_uom_id`) is not among the connector's fields yet: the product's
      // unit is the one lines are sold in unless a salesperson changed it.
      unit: record.uom_id?.name ?? 'Units',
    }));
  }
}
