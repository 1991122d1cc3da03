import { createSubgraphBuilder } from '../../platform/graphql/create-subgraph-builder.js';
import type { OperationsContext } from './context.js';

export const { builder } = createSubgraphBuilder<OperationsContext>();

builder.mutationType({ description: 'What can be changed.' });
