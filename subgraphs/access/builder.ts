import { createSubgraphBuilder } from '../../platform/graphql/create-subgraph-builder.js';
import type { AccessContext } from './context.js';

export const { builder } = createSubgraphBuilder<AccessContext>();

builder.mutationType({ description: 'What can be changed.' });
