import type { OdooClient } from '../../connectors/odoo/client.js';
import type { EntityCache } from '../../platform/cache/entity-cache.js';
import { systemCheck } from '../../platform/observability/dependency-checks.js';
import { startSubgraphServer, type RunningSubgraph } from '../../platform/graphql/start-subgraph-server.js';
import type { EventHub } from '../../platform/events/event-hub.js';
import type { Logger } from '../../platform/logger.js';
import { createInventoryContext } from './context.js';
import { inventorySchema } from './schema/index.js';

export interface InventorySubgraphOptions {
  odoo: OdooClient;
  /** Where `stockChanged` follows events; without it the subscription answers EVENTS_UNAVAILABLE. */
  events?: EventHub | null;
  /** Products, warehouses and stock levels in Redis (see platform/cache); without it every read asks Odoo. */
  cache?: EntityCache | null;
  logger: Logger;
  identitySecret: string;
  port?: number;
  host?: string;
}

/** Serves the inventory subgraph (HTTP and graphql-ws on `/graphql`). */
export function startInventorySubgraph(options: InventorySubgraphOptions): Promise<RunningSubgraph> {
  return startSubgraphServer({
    name: 'inventory',
    schema: inventorySchema,
    logger: options.logger,
    identitySecret: options.identitySecret,
    port: options.port,
    host: options.host,
    // Ready when the systems it reads answer (`/readyz`, with the reason when one does not).
    readiness: [systemCheck('odoo', options.odoo)],
    createContext: createInventoryContext(options.odoo, options.events ?? null, options.cache ?? null),
  });
}
