/** `npm run start:inventory`: the inventory subgraph as its own process (see platform/graphql/subgraph-process.ts). */
import { runSubgraphProcess } from '../../platform/graphql/subgraph-process.js';
import { DEFAULT_SUBGRAPH_PORTS } from '../ports.js';
import { startInventorySubgraph } from './server.js';

await runSubgraphProcess('inventory', DEFAULT_SUBGRAPH_PORTS.inventory, startInventorySubgraph);
