import { requirePrincipal } from '../../../platform/graphql/require-principal.js';
import type { FulfillmentStatus, WarehouseBacklog } from '../../../schema/canonical/fulfillment.js';
import { builder } from '../builder.js';
import { FulfillmentStatusType } from './statuses.js';

const BacklogStatusCountType = builder
  .objectRef<{ status: FulfillmentStatus; count: number }>('BacklogStatusCount')
  .implement({
    description: 'How many open orders of a warehouse are in one status.',
    fields: (t) => ({
      status: t.field({ type: FulfillmentStatusType, description: 'The status.', resolve: (c) => c.status }),
      count: t.exposeInt('count', { description: 'Open orders in it.' }),
    }),
  });

const WarehouseBacklogType = builder.objectRef<WarehouseBacklog>('WarehouseBacklog').implement({
  description: 'A warehouse’s open work as the WMS sees it.',
  fields: (t) => ({
    openOrders: t.exposeInt('openOrders', { description: 'Orders neither shipped nor cancelled.' }),
    byStatus: t.field({
      type: [BacklogStatusCountType],
      description: 'Open orders by status (a handful of statuses, so not paginated).',
      resolve: (b) =>
        Object.entries(b.byStatus).map(([status, count]) => ({
          status: status as FulfillmentStatus,
          count: count ?? 0,
        })),
    }),
    oldestOpenSince: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the oldest open order reached the WMS; null when nothing is open.',
      resolve: (b) => b.oldestOpenSince,
    }),
  }),
});

/** The inventory subgraph's Warehouse, by code, with the WMS's view of it added here. */
export const WarehouseRef = builder
  .externalRef('Warehouse', builder.selection<{ code: string }>('code'), (reference) => reference)
  .implement({
    description: 'A warehouse the distributor ships from; owned by the inventory subgraph.',
    fields: (t) => ({
      code: t.exposeString('code', { description: 'Short code, e.g. "CHI".' }),
      backlog: t.field({
        type: WarehouseBacklogType,
        nullable: true,
        description: 'Open orders in the WMS; null when the WMS does not know the warehouse. Internal only.',
        authenticated: true,
        requiresScopes: [['warehouse:read']],
        resolve: (warehouse, _args, context) => {
          requirePrincipal(context);
          return context.loaders.backlogByWarehouseCode.load(warehouse.code);
        },
      }),
    }),
  });
