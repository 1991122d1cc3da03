import type { OdooClient } from '../../connectors/odoo/client.js';
import type { EntityCache } from '../../platform/cache/entity-cache.js';
import { systemCheck } from '../../platform/observability/dependency-checks.js';
import { startSubgraphServer, type RunningSubgraph } from '../../platform/graphql/start-subgraph-server.js';
import type { Logger } from '../../platform/logger.js';
import { createInvoicingContext } from './context.js';
import { invoicingSchema } from './schema/index.js';

export interface InvoicingSubgraphOptions {
  odoo: OdooClient;
  /** Invoices by number in Redis (see platform/cache); without it every read asks Odoo. */
  cache?: EntityCache | null;
  logger: Logger;
  identitySecret: string;
  port?: number;
  host?: string;
}

/** Serves the invoicing subgraph (HTTP and graphql-ws on `/graphql`). */
export function startInvoicingSubgraph(options: InvoicingSubgraphOptions): Promise<RunningSubgraph> {
  return startSubgraphServer({
    name: 'invoicing',
    schema: invoicingSchema,
    logger: options.logger,
    identitySecret: options.identitySecret,
    port: options.port,
    host: options.host,
    // Ready when the systems it reads answer (`/readyz`, with the reason when one does not).
    readiness: [systemCheck('odoo', options.odoo)],
    createContext: createInvoicingContext(options.odoo, options.cache ?? null),
  });
}
