import { systemCheck } from '../../platform/observability/dependency-checks.js';
import { startSubgraphServer, type RunningSubgraph } from '../../platform/graphql/start-subgraph-server.js';
import type { Logger } from '../../platform/logger.js';
import { createShippingContext, type ShippingSystems } from './context.js';
import { DEMO_ORIGINS } from './origins.js';
import { shippingSchema } from './schema/index.js';

export interface ShippingSubgraphOptions extends Omit<ShippingSystems, 'origins'> {
  /** Ship-from address by warehouse code; default the demo warehouses'. */
  origins?: ShippingSystems['origins'];
  logger: Logger;
  identitySecret: string;
  port?: number;
  host?: string;
}

/** Serves the shipping subgraph (HTTP and graphql-ws on `/graphql`). */
export function startShippingSubgraph(options: ShippingSubgraphOptions): Promise<RunningSubgraph> {
  return startSubgraphServer({
    name: 'shipping',
    schema: shippingSchema,
    logger: options.logger,
    identitySecret: options.identitySecret,
    port: options.port,
    host: options.host,
    // Ready when the systems it reads answer (`/readyz`, with the reason when one does not).
    readiness: [
      systemCheck('odoo', options.odoo),
      systemCheck('wms', options.wms),
      systemCheck('carrier', options.carrier),
    ],
    createContext: createShippingContext({
      carrier: options.carrier,
      wms: options.wms,
      odoo: options.odoo,
      origins: options.origins ?? DEMO_ORIGINS,
      events: options.events ?? null,
    }),
  });
}
