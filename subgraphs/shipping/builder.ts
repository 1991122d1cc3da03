import { createSubgraphBuilder } from '../../platform/graphql/create-subgraph-builder.js';
import type { ShippingContext } from './context.js';

export const { builder, Money } = createSubgraphBuilder<ShippingContext>();
