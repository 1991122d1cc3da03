import { createSubgraphBuilder } from '../../platform/graphql/create-subgraph-builder.js';
import type { WarehouseContext } from './context.js';

export const { builder, Quantity } = createSubgraphBuilder<WarehouseContext>();
