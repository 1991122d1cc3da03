import { resolveOffsetConnection } from '@pothos/plugin-relay';
import { checkPageSize } from '../../../platform/graphql/page-args.js';
import { requirePrincipal } from '../../../platform/graphql/require-principal.js';
import { toGlobalId } from '../../../schema/canonical/global-id.js';
import type { Product } from '../../../schema/canonical/inventory.js';
import { builder, Money } from '../builder.js';
import { selectsOnly } from '../../../platform/graphql/selection.js';
import { StockLevelType } from './stock-level.js';

export const ProductType = builder.objectRef<Product>('Product').implement({
  description: 'A sellable product variant, identified by its SKU.',
  authenticated: true,
  requiresScopes: [['catalog:read']],
  fields: (t) => ({
    id: t.id({ description: 'Opaque, stable identifier.', resolve: (p) => toGlobalId('Product', p.rowId) }),
    sku: t.exposeString('sku', {
      description: 'Stock keeping unit: the business key (Odoo `default_code`).',
    }),
    name: t.exposeString('name', { description: 'Display name.' }),
    barcode: t.exposeString('barcode', {
      nullable: true,
      description: 'EAN/UPC barcode, when the product has one.',
    }),
    description: t.exposeString('description', { nullable: true, description: 'Sales description.' }),
    category: t.exposeString('category', {
      nullable: true,
      description: 'Full category path, e.g. "All / Packaging".',
    }),
    unit: t.exposeString('unit', { description: 'Unit of measure quantities of this product are in.' }),
    listPrice: t.field({
      type: Money,
      description: 'Catalogue price per unit, before customer-specific pricing and tax.',
      resolve: (p) => p.listPrice,
    }),
    cost: t.field({
      type: Money,
      description:
        'Cost price per unit in the company currency (Odoo `standard_price`); internal only (scope `cost:read`).',
      requiresScopes: [['cost:read']],
      resolve: (p) => p.cost,
    }),
    tracksInventory: t.exposeBoolean('tracksInventory', {
      description: 'Whether stock is counted; untracked products are always available.',
    }),
    active: t.exposeBoolean('active', { description: 'False when the product is discontinued.' }),
    updatedAt: t.field({
      type: 'DateTime',
      description: 'When the product last changed.',
      resolve: (p) => p.updatedAt,
    }),
    stock: t.field({
      type: [StockLevelType],
      description: 'Stock per warehouse, one entry per warehouse.',
      requiresScopes: [['stock:read']],
      args: { warehouse: t.arg.string({ required: false, description: 'Only this warehouse (by code).' }) },
      resolve: async (product, args, context) => {
        const levels = await context.loaders.stockByProduct.load(product);
        return args.warehouse ? levels.filter((level) => level.warehouse.code === args.warehouse) : levels;
      },
    }),
  }),
});

/** Other subgraphs mostly want a product's name (the portal's order lines): a lighter read then. */
const wantsOnlyNames = selectsOnly('Product', new Set(['__typename', 'id', 'sku', 'name']));

builder.asEntity(ProductType, {
  key: builder.selection<{ sku: string }>('sku'),
  resolveReference: (reference, context, info) =>
    (wantsOnlyNames(info) ? context.loaders.productNameBySku : context.loaders.productBySku).load(
      reference.sku,
    ),
});

const ProductFilter = builder.inputType('ProductFilter', {
  description: 'Narrows a product search; all given conditions must hold.',
  fields: (t) => ({
    search: t.string({
      required: false,
      description: 'Text found in the name, SKU or barcode (case-insensitive).',
    }),
    category: t.string({ required: false, description: 'Category name or path; subcategories match too.' }),
    barcode: t.string({ required: false, description: 'Exact barcode.' }),
  }),
});

builder.queryFields((t) => ({
  product: t.field({
    type: ProductType,
    nullable: true,
    description: 'One product by SKU, or null when there is none.',
    authenticated: true,
    requiresScopes: [['catalog:read']],
    args: { sku: t.arg.string({ required: true, description: 'The SKU.' }) },
    resolve: (_root, args, context) => {
      requirePrincipal(context);
      return context.loaders.productBySku.load(args.sku);
    },
  }),
  products: t.connection(
    {
      type: ProductType,
      description: 'The catalogue by SKU, a page at a time (at most 100 per page).',
      authenticated: true,
      requiresScopes: [['catalog:read']],
      args: { filter: t.arg({ type: ProductFilter, required: false, description: 'Search conditions.' }) },
      resolve: (_root, args, context) => {
        requirePrincipal(context);
        checkPageSize(args.first);
        checkPageSize(args.last, 'last');
        const filter = {
          search: args.filter?.search ?? undefined,
          category: args.filter?.category ?? undefined,
          barcode: args.filter?.barcode ?? undefined,
        };
        return resolveOffsetConnection({ args: { ...args, first: args.first ?? 20 } }, ({ offset, limit }) =>
          context.loaders.products.search(filter, offset, limit),
        );
      },
    },
    { name: 'ProductConnection', description: 'A page of products.' },
    { name: 'ProductEdge', description: 'A product in a page, with its cursor.' },
  ),
}));
