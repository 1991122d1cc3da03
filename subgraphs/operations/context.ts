import type { SubgraphContext } from '../../platform/graphql/subgraph-context.js';
import type { DeadLetterPages } from './dead-letter-pages.js';
import type { IntegrationHealth } from './integration-health.js';
import type { WebhookDeliveryHealth } from './webhook-delivery-health.js';

/** What the operations subgraph reads: dead letters and webhooks (null without Redis), and health. */
export interface OperationsServices {
  /** Null when the subgraph runs without Redis: the dead-letter fields answer EVENTS_UNAVAILABLE. */
  deadLetters: DeadLetterPages | null;
  /** Null without Redis: the webhook fields answer WEBHOOKS_UNAVAILABLE. */
  webhooks: WebhookDeliveryHealth | null;
  health: IntegrationHealth;
}

/** One request's context: the caller and the services above (shared by every request). */
export interface OperationsContext extends SubgraphContext, OperationsServices {}

export function createOperationsContext(services: OperationsServices) {
  return (base: SubgraphContext): OperationsContext => ({ ...base, ...services });
}
