import { createSubgraphBuilder } from '../../platform/graphql/create-subgraph-builder.js';
import type { InvoicingContext } from './context.js';

export const { builder, Money } = createSubgraphBuilder<InvoicingContext>();
