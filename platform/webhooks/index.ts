export { DELIVERY_QUEUE_NAME } from './delivery-job.js';
export { deliveryOutcomes, type DeliveryAttempt, type DeliveryOutcome } from './delivery-log.js';
export { PartnerWebhooks, type PartnerWebhooksOptions } from './partner-webhooks.js';
export type { ReplayResult } from './replay-deliveries.js';
export { MAX_REPLAY_EVENT_IDS, MAX_REPLAY_EVENTS, type ReplayRequest } from './replay-request.js';
export { DEFAULT_RETRY_SCHEDULE, type RetrySchedule } from './retry-schedule.js';
export { signWebhook, type WebhookSignatureHeaders } from './sign-webhook.js';
export {
  startPartnerWebhooks,
  WEBHOOK_CONSUMER_GROUP,
  type PartnerWebhooksRuntimeOptions,
} from './start-partner-webhooks.js';
export {
  endpointStatuses,
  INTERNAL_ONLY_EVENT_TYPES,
  type EndpointStatus,
  type NewEndpoint,
  type WebhookEndpoint,
  type WebhookOwner,
} from './webhook-endpoint.js';
export { WebhookDeadLetters } from './webhook-dead-letters.js';
export {
  WebhookError,
  webhookErrorCatalogue,
  type WebhookErrorCode,
  type WebhookIssue,
} from './webhook-errors.js';
