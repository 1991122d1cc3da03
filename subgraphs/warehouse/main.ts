/** `npm run start:warehouse`: the warehouse subgraph as its own process; the WMS from WMS_* (connectors/wms/config.ts). */
import { loadWmsConfig, WmsClient } from '../../connectors/wms/index.js';
import { runSubgraphProcess } from '../../platform/graphql/subgraph-process.js';
import { DEFAULT_SUBGRAPH_PORTS } from '../ports.js';
import { startWarehouseSubgraph } from './server.js';

await runSubgraphProcess('warehouse', DEFAULT_SUBGRAPH_PORTS.warehouse, (options) =>
  startWarehouseSubgraph({
    ...options,
    wms: new WmsClient(loadWmsConfig(process.env, { mode: options.mode }), {
      logger: options.logger.child({ part: 'wms' }),
    }),
  }),
);
