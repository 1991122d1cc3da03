/** `npm run start:invoicing`: the invoicing subgraph as its own process (see platform/graphql/subgraph-process.ts). */
import { runSubgraphProcess } from '../../platform/graphql/subgraph-process.js';
import { DEFAULT_SUBGRAPH_PORTS } from '../ports.js';
import { startInvoicingSubgraph } from './server.js';

await runSubgraphProcess('invoicing', DEFAULT_SUBGRAPH_PORTS.invoicing, startInvoicingSubgraph);
