import type { WebhookEndpoint } from '../../../platform/webhooks/webhook-endpoint.js';
import {
  WebhookError,
  webhookErrorCatalogue,
  type WebhookErrorCode,
  type WebhookIssue,
} from '../../../platform/webhooks/webhook-errors.js';
import { builder } from '../builder.js';
import { WebhookEndpointType } from './webhook-endpoint.js';

/** A refused webhook operation, as the result types carry it. */
export interface WebhookRefusal {
  refusal: WebhookErrorCode;
  message: string;
  issues: readonly WebhookIssue[];
}

/** A business failure as a {@link WebhookRefusal}; anything else is a fault and is rethrown. */
export function webhookRefusalOf(error: unknown): WebhookRefusal {
  if (!(error instanceof WebhookError)) throw error;
  return { refusal: error.code, message: error.message, issues: error.issues };
}

const RefusalCodeEnum = builder.enumType('WebhookRefusalCode', {
  description: 'Why a webhook operation was refused.',
  values: Object.fromEntries(
    Object.entries(webhookErrorCatalogue).map(([code, description]) => [code, { description }]),
  ) as Record<WebhookErrorCode, { description: string }>,
});

const IssueType = builder.objectRef<WebhookIssue>('WebhookIssue').implement({
  description: 'One problem with the input of a webhook operation.',
  fields: (t) => ({
    path: t.exposeString('path', { description: 'Which input, e.g. `url` or `eventTypes`.' }),
    message: t.exposeString('message', { description: 'What is wrong with it.' }),
  }),
});

const RefusedType = builder.objectRef<WebhookRefusal>('WebhookRefused').implement({
  description: 'A webhook operation that was refused; nothing was changed.',
  fields: (t) => ({
    code: t.field({
      type: RefusalCodeEnum,
      description: 'Why, as a stable code.',
      resolve: (r) => r.refusal,
    }),
    message: t.exposeString('message', { description: 'Why, for a person.' }),
    issues: t.field({
      type: [IssueType],
      description: 'Each problem with the input; may be empty.',
      resolve: (r) => [...r.issues],
    }),
  }),
});

const isRefusal = (value: object): value is WebhookRefusal => 'refusal' in value;

const RegisteredType = builder
  .objectRef<{ endpoint: WebhookEndpoint; secret: string }>('WebhookEndpointRegistered')
  .implement({
    description: 'A new endpoint, active at once. `signingSecret` is shown this once: store it now.',
    fields: (t) => ({
      endpoint: t.field({
        type: WebhookEndpointType,
        description: 'The endpoint.',
        resolve: (r) => r.endpoint,
      }),
      signingSecret: t.string({
        description:
          'The Standard Webhooks signing secret, `whsec_<base64>`, to verify `webhook-signature`; shown only in this answer.',
        resolve: (r) => r.secret,
      }),
    }),
  });

/** An object type holding one endpoint after an operation on it. */
function endpointPayload(name: string, description: string) {
  return builder.objectRef<{ endpoint: WebhookEndpoint }>(name).implement({
    description,
    fields: (t) => ({
      endpoint: t.field({
        type: WebhookEndpointType,
        description: 'The endpoint.',
        resolve: (r) => r.endpoint,
      }),
    }),
  });
}

const RemovedType = endpointPayload(
  'WebhookEndpointRemoved',
  'A removed endpoint (as it was): its secret and delivery log are gone and nothing more is delivered to it.',
);

const EnabledType = endpointPayload('WebhookEndpointEnabled', 'An endpoint made active again.');

const ReplayQueuedType = builder
  .objectRef<{ enqueued: number; ignoredEventIds: string[] }>('WebhookReplayQueued')
  .implement({
    description: 'A replay queued: each event will be delivered again, signed afresh, with its own retries.',
    fields: (t) => ({
      enqueued: t.exposeInt('enqueued', { description: 'How many deliveries were queued.' }),
      ignoredEventIds: t.exposeStringList('ignoredEventIds', {
        description:
          "Event ids asked for that are not in the event log (never, or past its 7-day retention) or not for this endpoint's types and tenant.",
      }),
    }),
  });

/** An endpoint payload, or the refusal. */
function resultUnion(name: string, description: string, success: typeof RemovedType) {
  return builder.unionType(name, {
    description,
    types: [success, RefusedType],
    resolveType: (value) => (isRefusal(value) ? RefusedType : success),
  });
}

export const RegisterResultType = builder.unionType('WebhookEndpointRegisterResult', {
  description: 'The new endpoint and its signing secret, or why none was registered.',
  types: [RegisteredType, RefusedType],
  resolveType: (value) => (isRefusal(value) ? RefusedType : RegisteredType),
});

export const RemoveResultType = resultUnion(
  'WebhookEndpointRemoveResult',
  'The removed endpoint, or why it was not removed.',
  RemovedType,
);

export const EnableResultType = resultUnion(
  'WebhookEndpointEnableResult',
  'The endpoint made active, or why it was not.',
  EnabledType,
);

export const ReplayResultType = builder.unionType('WebhookReplayResult', {
  description: 'The replay queued, or why it was refused.',
  types: [ReplayQueuedType, RefusedType],
  resolveType: (value) => (isRefusal(value) ? RefusedType : ReplayQueuedType),
});
