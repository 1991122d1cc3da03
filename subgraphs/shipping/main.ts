/**
 * `npm run start:shipping`: the shipping subgraph as its own process; the carrier from CARRIER_*, the
 * WMS from WMS_*, ship-from addresses from SHIPPING_ORIGINS.
 */
import { CarrierClient, loadCarrierConfig } from '../../connectors/carrier/index.js';
import { loadWmsConfig, WmsClient } from '../../connectors/wms/index.js';
import { runSubgraphProcess } from '../../platform/graphql/subgraph-process.js';
import { DEFAULT_SUBGRAPH_PORTS } from '../ports.js';
import { loadShippingOrigins } from './origins.js';
import { startShippingSubgraph } from './server.js';

await runSubgraphProcess('shipping', DEFAULT_SUBGRAPH_PORTS.shipping, (options) =>
  startShippingSubgraph({
    ...options,
    carrier: new CarrierClient(loadCarrierConfig(process.env, { mode: options.mode }), {
      logger: options.logger.child({ part: 'carrier' }),
    }),
    wms: new WmsClient(loadWmsConfig(process.env, { mode: options.mode }), {
      logger: options.logger.child({ part: 'wms' }),
    }),
    origins: loadShippingOrigins(process.env.SHIPPING_ORIGINS),
  }),
);
