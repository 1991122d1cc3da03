import type { OdooClient } from '../../connectors/odoo/client.js';
import type { WmsClient } from '../../connectors/wms/index.js';
import { systemCheck } from '../../platform/observability/dependency-checks.js';
import { startSubgraphServer, type RunningSubgraph } from '../../platform/graphql/start-subgraph-server.js';
import type { Logger } from '../../platform/logger.js';
import { createWarehouseContext } from './context.js';
import { warehouseSchema } from './schema/index.js';

export interface WarehouseSubgraphOptions {
  wms: WmsClient;
  /** For tenancy: which orders a partner may see. */
  odoo: OdooClient;
  logger: Logger;
  identitySecret: string;
  port?: number;
  host?: string;
}

/** Serves the warehouse subgraph (HTTP and graphql-ws on `/graphql`). */
export function startWarehouseSubgraph(options: WarehouseSubgraphOptions): Promise<RunningSubgraph> {
  return startSubgraphServer({
    name: 'warehouse',
    schema: warehouseSchema,
    logger: options.logger,
    identitySecret: options.identitySecret,
    port: options.port,
    host: options.host,
    // Ready when the systems it reads answer (`/readyz`, with the reason when one does not).
    readiness: [systemCheck('odoo', options.odoo), systemCheck('wms', options.wms)],
    createContext: createWarehouseContext(options.wms, options.odoo),
  });
}
