import type { ProductReference } from '../../../schema/canonical/orders.js';
import { productName } from '../catalog/products.js';
import type { OdooClient } from '../client.js';
import type { OdooRecord } from '../models.js';
import { related, type RelatedRecords } from '../related-read.js';

/** The product.product fields a ProductReference is made of. */
const PRODUCT_REFERENCE_FIELDS = ['default_code', 'name', 'uom_id'] as const;

/** Order lines' products, read in the same call as the lines (see OdooOrders). */
export const LINE_PRODUCTS = related('product.product', PRODUCT_REFERENCE_FIELDS);

/** The references of the products a read brought with its lines through {@link LINE_PRODUCTS}. */
export function lineProductsIn(found: RelatedRecords): ProductReference[] {
  return [...found.of(LINE_PRODUCTS).values()].map(toProductReference);
}

function toProductReference(
  record: OdooRecord<'product.product', (typeof PRODUCT_REFERENCE_FIELDS)[number]>,
): ProductReference {
  return {
    rowId: record.id,
    sku: record.default_code,
    name: productName(record),
    // The line's own unit (`product_uom_id`) is not among the connector's fields yet: the product's
    // unit is the one lines are sold in unless a salesperson changed it.
    unit: record.uom_id?.name ?? 'Units',
  };
}

/**
 * The SKU, name and unit of the products on order lines, by id. Lines read them in the same call
 * (`LINE_PRODUCTS`); this reads them for a line whose products did not come with it. The name is read
 * as the inventory subgraph reads Product.name, so that order lines can provide it (`@provides`): a
 * page of orders with product names then costs no trip to the inventory subgraph.
 */
export class OdooProductReferences {
  constructor(private readonly client: OdooClient) {}

  async byIds(ids: readonly number[]): Promise<ProductReference[]> {
    return (await this.client.read('product.product', ids, PRODUCT_REFERENCE_FIELDS)).map(toProductReference);
  }
}
