import { createSubgraphBuilder } from '../../platform/graphql/create-subgraph-builder.js';
import type { InventoryContext } from './context.js';

export const { builder, Money, Quantity } = createSubgraphBuilder<InventoryContext>();
