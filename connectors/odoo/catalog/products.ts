import { partialRecords } from '../partial-record.js';
import type { OdooClient } from '../client.js';
import { and, or, where, type Domain } from '../domain.js';
import type { OdooRecord } from '../models.js';
import type { Product } from '../../../schema/canonical/inventory.js';

export const PRODUCT_FIELDS = [
  'name',
  'default_code',
  'barcode',
  'description_sale',
  'categ_id',
  'uom_id',
  'list_price',
  'standard_price',
  'currency_id',
  'is_storable',
  'active',
  'write_date',
] as const;

type ProductRecord = OdooRecord<'product.product', (typeof PRODUCT_FIELDS)[number]>;

/** What a catalogue search may filter on. */
export interface ProductFilter {
  /** Matched against name, SKU and barcode, case-insensitively. */
  search?: string;
  /** Category name, including its subcategories. */
  category?: string;
  barcode?: string;
}

/**
 * A product's name as the graph shows it: Odoo's `name`, else its SKU. Order lines read it the same way
 * (sales/product-references.ts), since they provide Product.name for the inventory subgraph.
 */
export function productName(record: { name: string | null; default_code: string | null }): string {
  return record.name ?? record.default_code ?? '';
}

function toProduct(record: ProductRecord): Product | null {
  // A variant without a SKU is not part of the sellable catalogue the graph exposes.
  if (!record.default_code) return null;
  return {
    rowId: record.id,
    sku: record.default_code,
    name: productName(record),
    barcode: record.barcode,
    description: record.description_sale,
    category: record.categ_id?.name ?? null,
    unit: record.uom_id?.name ?? 'Units',
    listPrice: { amount: record.list_price ?? '0.00', currency: record.currency_id?.name ?? 'USD' },
    cost: { amount: record.standard_price ?? '0.00', currency: record.currency_id?.name ?? 'USD' },
    tracksInventory: record.is_storable,
    active: record.active,
    updatedAt: record.write_date ?? new Date(0).toISOString(),
  };
}

/** The fields of a product read for its name only (see {@link toProductName}). */
const PRODUCT_NAME_FIELDS = ['name', 'default_code'] as const;

/** Product fields {@link toProductName} does not fill. */
const unnamedFields = [
  'barcode',
  'description',
  'category',
  'unit',
  'listPrice',
  'cost',
  'tracksInventory',
  'active',
  'updatedAt',
] as const satisfies readonly (keyof Product)[];

const productNamed = partialRecords<Product, (typeof unnamedFields)[number]>(
  'Product',
  unnamedFields,
  'product read for its name',
);

/** A product read with its SKU and name only; its other fields throw when read. */
function toProductName(record: OdooRecord<'product.product', 'name' | 'default_code'>): Product | null {
  if (!record.default_code) return null;
  return productNamed({
    rowId: record.id,
    sku: record.default_code,
    name: productName(record),
  });
}

function filterDomain(filter: ProductFilter): Domain {
  const parts: Domain[] = [where('default_code', '!=', false)];
  if (filter.search) {
    parts.push(
      or(
        where('name', 'ilike', filter.search),
        where('default_code', 'ilike', filter.search),
        where('barcode', 'ilike', filter.search),
      ),
    );
  }
  if (filter.category) parts.push(where('categ_id.complete_name', 'ilike', filter.category));
  if (filter.barcode) parts.push(where('barcode', '=', filter.barcode));
  return and(...parts);
}

/** The product catalogue in Odoo, as canonical Products. Every method is one Odoo call. */
export class OdooProducts {
  constructor(private readonly client: OdooClient) {}

  async bySkus(skus: readonly string[]): Promise<Product[]> {
    if (skus.length === 0) return [];
    const records = await this.client.searchRead('product.product', {
      domain: where('default_code', 'in', [...new Set(skus)]),
      fields: PRODUCT_FIELDS,
    });
    return records.flatMap((record) => toProduct(record) ?? []);
  }

  /** The same products read for their id, SKU and name only: less to read and convert. */
  async namesBySkus(skus: readonly string[]): Promise<Product[]> {
    if (skus.length === 0) return [];
    const records = await this.client.searchRead('product.product', {
      domain: where('default_code', 'in', [...new Set(skus)]),
      fields: PRODUCT_NAME_FIELDS,
    });
    return records.flatMap((record) => toProductName(record) ?? []);
  }

  async byRowIds(ids: readonly number[]): Promise<Product[]> {
    const records = await this.client.read('product.product', ids, PRODUCT_FIELDS);
    return records.flatMap((record) => toProduct(record) ?? []);
  }

  async search(filter: ProductFilter, offset: number, limit: number): Promise<Product[]> {
    const records = await this.client.searchRead('product.product', {
      domain: filterDomain(filter),
      fields: PRODUCT_FIELDS,
      offset,
      limit,
      order: 'default_code, id',
    });
    return records.flatMap((record) => toProduct(record) ?? []);
  }

  count(filter: ProductFilter): Promise<number> {
    return this.client.searchCount('product.product', { domain: filterDomain(filter) });
  }
}
