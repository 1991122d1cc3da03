import { builder } from '../builder.js';
import './integration-health.js';
import './event-dead-letters.js';
import './webhook-dead-letters.js';
import './webhook-delivery-figures.js';

/**
 * The operations subgraph's schema, for internal callers: integration health, dead-lettered events
 * and webhook deliveries with their replay, and webhook delivery success per partner.
 */
export const operationsSchema = builder.toSubGraphSchema({
  linkUrl: 'https://specs.apollo.dev/federation/v2.6',
});
