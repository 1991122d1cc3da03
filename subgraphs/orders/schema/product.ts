import { builder } from '../builder.js';

/**
 * The inventory subgraph's Product, referenced by its SKU. This subgraph cannot resolve it (resolvable:
 * false); the gateway asks inventory for every other field, except the name an order line provides.
 */
export const ProductRef = builder
  .externalRef('Product', builder.keyDirective(builder.selection<{ sku: string }>('sku'), false))
  .implement({
    description: 'A catalogue product, owned by the inventory subgraph; referenced here by SKU.',
    authenticated: true,
    requiresScopes: [['catalog:read']],
    externalFields: (t) => ({
      name: t.string({ description: 'Display name (owned by inventory; order lines provide it).' }),
    }),
    fields: (t) => ({
      sku: t.exposeString('sku', { description: 'Stock keeping unit (Odoo `default_code`).' }),
    }),
  });
