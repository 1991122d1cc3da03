import { createSubgraphBuilder } from '../../platform/graphql/create-subgraph-builder.js';
import type { OrdersContext } from './context.js';

export const { builder, Money, Quantity } = createSubgraphBuilder<OrdersContext>();
