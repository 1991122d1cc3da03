/** `npm run start:orders`: the orders subgraph as its own process (see platform/graphql/subgraph-process.ts). */
import { runSubgraphProcess } from '../../platform/graphql/subgraph-process.js';
import { DEFAULT_SUBGRAPH_PORTS } from '../ports.js';
import { startOrdersSubgraph } from './server.js';

await runSubgraphProcess('orders', DEFAULT_SUBGRAPH_PORTS.orders, startOrdersSubgraph);
