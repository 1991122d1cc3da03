import type { OdooClient } from '../../connectors/odoo/client.js';
import type { EntityCache } from '../../platform/cache/entity-cache.js';
import type { EventHub } from '../../platform/events/event-hub.js';
import type { SubgraphContext } from '../../platform/graphql/subgraph-context.js';
import { createInventoryLoaders, type InventoryLoaders } from './loaders.js';

/** One request's context: the caller, and loaders that batch Odoo reads for this request only. */
export interface InventoryContext extends SubgraphContext {
  loaders: InventoryLoaders;
  /** Replaces the loaders: a subscription's context lives for many events, each read afresh. */
  renewLoaders(): void;
  /** Where subscriptions follow events; null when no event log is configured. */
  events: EventHub | null;
}

export function createInventoryContext(
  odoo: OdooClient,
  events: EventHub | null = null,
  cache: EntityCache | null = null,
) {
  return (base: SubgraphContext): InventoryContext => {
    const context: InventoryContext = {
      ...base,
      loaders: createInventoryLoaders(odoo, cache),
      renewLoaders: () => {
        context.loaders = createInventoryLoaders(odoo, cache);
      },
      events,
    };
    return context;
  };
}
