/**
 * The subgraphs of the graph, for composition and for the embedded stack. Not a subgraph itself: the
 * only module allowed to import every subgraph. The URLs are those of a multi-process deployment on
 * one host (see README); the embedded stack composes again with the ports it actually got.
 */
import type { SubgraphEntry } from '../schema/tools/compose-graph.js';
import { accessSchema } from './access/schema/index.js';
import { inventorySchema } from './inventory/schema/index.js';
import { invoicingSchema } from './invoicing/schema/index.js';
import { operationsSchema } from './operations/schema/index.js';
import { ordersSchema } from './orders/schema/index.js';
import { shippingSchema } from './shipping/schema/index.js';
import { warehouseSchema } from './warehouse/schema/index.js';
import { DEFAULT_SUBGRAPH_PORTS } from './ports.js';

export { DEFAULT_SUBGRAPH_PORTS };

export type SubgraphName = keyof typeof DEFAULT_SUBGRAPH_PORTS;

export const subgraphSchemas = {
  inventory: inventorySchema,
  orders: ordersSchema,
  invoicing: invoicingSchema,
  access: accessSchema,
  warehouse: warehouseSchema,
  shipping: shippingSchema,
  operations: operationsSchema,
} as const;

/** The subgraphs at the given URLs (default: loopback at their default ports). */
export function subgraphEntries(urls: Partial<Record<SubgraphName, string>> = {}): SubgraphEntry[] {
  return (Object.keys(subgraphSchemas) as SubgraphName[]).map((name) => ({
    name,
    schema: subgraphSchemas[name],
    url: urls[name] ?? `http://127.0.0.1:${DEFAULT_SUBGRAPH_PORTS[name]}/graphql`,
  }));
}
