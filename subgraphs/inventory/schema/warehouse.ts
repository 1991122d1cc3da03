import { requirePrincipal } from '../../../platform/graphql/require-principal.js';
import { toGlobalId } from '../../../schema/canonical/global-id.js';
import type { Warehouse } from '../../../schema/canonical/inventory.js';
import { builder } from '../builder.js';

export const WarehouseType = builder.objectRef<Warehouse>('Warehouse').implement({
  description: 'A warehouse the distributor ships from.',
  fields: (t) => ({
    id: t.id({ description: 'Opaque, stable identifier.', resolve: (w) => toGlobalId('Warehouse', w.rowId) }),
    code: t.exposeString('code', {
      description: 'Short code, e.g. "CHI"; used to pick a warehouse in arguments.',
    }),
    name: t.exposeString('name', { description: 'Display name.' }),
  }),
});

builder.queryField('warehouses', (t) =>
  t.field({
    type: [WarehouseType],
    description: 'Every warehouse, by code. A distributor has a handful, so this list is not paginated.',
    authenticated: true,
    requiresScopes: [['catalog:read']],
    resolve: (_root, _args, context) => {
      requirePrincipal(context);
      return context.loaders.warehouses();
    },
  }),
);

/** Other subgraphs add their view of a warehouse (the WMS's backlog, say) by its code. */
builder.asEntity(WarehouseType, {
  key: builder.selection<{ code: string }>('code'),
  resolveReference: async (reference, context) => {
    requirePrincipal(context);
    return (await context.loaders.warehouses()).find((w) => w.code === reference.code) ?? null;
  },
});
