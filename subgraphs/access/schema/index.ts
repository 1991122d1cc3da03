import { builder } from '../builder.js';
import './api-key.js';
import './api-key-results.js';
import './api-key-mutations.js';

/** The access subgraph's schema: API keys, managed by internal callers with `keys:manage`. */
export const accessSchema = builder.toSubGraphSchema({
  linkUrl: 'https://specs.apollo.dev/federation/v2.6',
});
