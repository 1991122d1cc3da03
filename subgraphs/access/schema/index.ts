import { builder } from '../builder.js';
import './api-key.js';
import './api-key-results.js';
import './api-key-mutations.js';
import './webhook-endpoint.js';
import './webhook-delivery.js';
import './webhook-results.js';
import './webhook-mutations.js';

/**
 * The access subgraph's schema: API keys, managed by internal callers with `keys:manage`; webhook
 * endpoints, managed by partners (their own) and internal callers (all) with `webhooks:manage`.
 */
export const accessSchema = builder.toSubGraphSchema({
  linkUrl: 'https://specs.apollo.dev/federation/v2.6',
});
