import type { OdooClient } from '../../connectors/odoo/client.js';
import type { SubgraphContext } from '../../platform/graphql/subgraph-context.js';
import { createInventoryLoaders, type InventoryLoaders } from './loaders.js';

/** One request's context: the caller, and loaders that batch Odoo reads for this request only. */
export interface InventoryContext extends SubgraphContext {
  loaders: InventoryLoaders;
}

export function createInventoryContext(odoo: OdooClient) {
  return (base: SubgraphContext): InventoryContext => ({ ...base, loaders: createInventoryLoaders(odoo) });
}
