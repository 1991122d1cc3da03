import { graphError } from '../../../platform/graphql/graph-error.js';
import {
  DEFAULT_PAGE_SIZE,
  keysetConnection,
  keysetPageArgs,
  MAX_PAGE_SIZE,
} from '../../../platform/graphql/page-args.js';
import type { DeliveryAttempt } from '../../../platform/webhooks/delivery-log.js';
import { WebhookError } from '../../../platform/webhooks/webhook-errors.js';
import { builder } from '../builder.js';
import { requireWebhooks, WEBHOOKS_MANAGE_SCOPE } from './webhook-access.js';
import { EventTypeEnum } from './webhook-endpoint.js';

const DeliveryOutcomeEnum = builder.enumType('WebhookDeliveryOutcome', {
  description: 'What came of one delivery attempt.',
  values: {
    DELIVERED: { value: 'delivered', description: 'The endpoint answered 2xx.' },
    RETRYING: {
      value: 'retrying',
      description:
        'It failed (another status, a 3xx, a refused address, a network error or a timeout); it will be tried again.',
    },
    DEAD_LETTERED: {
      value: 'dead_lettered',
      description:
        'The last attempt failed: the delivery was dead-lettered and the endpoint flagged FAILING.',
    },
    GONE: { value: 'gone', description: 'The endpoint answered 410 Gone and was disabled.' },
    SKIPPED: { value: 'skipped', description: 'Not attempted: the endpoint was disabled meanwhile.' },
  } as const,
});

const WebhookDeliveryType = builder.objectRef<DeliveryAttempt>('WebhookDelivery').implement({
  description: 'One attempt to deliver one event to an endpoint.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The id of this record.' }),
    eventId: t.exposeString('eventId', {
      description: 'The event delivered (its `id`, also the `webhook-id` header).',
    }),
    eventType: t.field({
      type: EventTypeEnum,
      description: 'The kind of event.',
      resolve: (d) => d.eventType,
    }),
    attempt: t.exposeInt('attempt', {
      description: 'Which attempt of its delivery, from 1 (a replay starts at 1).',
    }),
    outcome: t.field({
      type: DeliveryOutcomeEnum,
      description: 'What came of it.',
      resolve: (d) => d.outcome,
    }),
    statusCode: t.int({
      nullable: true,
      description: 'The HTTP status the endpoint answered; null when it did not answer.',
      resolve: (d) => d.statusCode,
    }),
    error: t.string({
      nullable: true,
      description: 'Why it failed; null when it did not.',
      resolve: (d) => d.error,
    }),
    durationMs: t.exposeInt('durationMs', { description: 'How long the attempt took, in milliseconds.' }),
    at: t.field({ type: 'DateTime', description: 'When the attempt ended.', resolve: (d) => d.at }),
    replay: t.exposeBoolean('replay', { description: 'Whether the delivery was a replay.' }),
  }),
});

const WebhookDeliveryConnection = builder.connectionObject(
  {
    type: WebhookDeliveryType,
    name: 'WebhookDeliveryConnection',
    description: 'A page of delivery attempts, newest first.',
    edgesNullable: { list: false, items: false },
    nodeNullable: false,
    edgesField: { description: 'The attempts of this page, each with its cursor.' },
  },
  {
    name: 'WebhookDeliveryEdge',
    description: 'A delivery attempt in a page, with its cursor.',
    nodeField: { description: 'The attempt.' },
  },
);

const RECORD_ID = /^\d+-\d+$/;

builder.queryField('webhookDeliveries', (t) =>
  t.field({
    type: WebhookDeliveryConnection,
    description:
      "An endpoint's recent delivery attempts, newest first (the last ~1,000, kept a week after the last one). Scope `webhooks:manage`.",
    authenticated: true,
    requiresScopes: [[WEBHOOKS_MANAGE_SCOPE]],
    args: {
      endpointId: t.arg.id({ required: true, description: 'The endpoint id, `whe_...`.' }),
      first: t.arg.int({
        required: false,
        defaultValue: DEFAULT_PAGE_SIZE,
        description: `Attempts per page, 1 to ${MAX_PAGE_SIZE}.`,
      }),
      after: t.arg.string({
        required: false,
        description: 'The `endCursor` of the previous page; omit for the newest attempts.',
      }),
    },
    resolve: async (_root, args, context) => {
      const { webhooks, owner } = requireWebhooks(context);
      const { first, after } = keysetPageArgs(args, (cursor) => (RECORD_ID.test(cursor) ? cursor : null));
      let attempts: DeliveryAttempt[];
      try {
        // One more than asked tells whether another page follows.
        attempts = await webhooks.deliveries(owner, String(args.endpointId), first + 1, after ?? undefined);
      } catch (error) {
        if (error instanceof WebhookError && error.code === 'UNKNOWN_ENDPOINT')
          throw graphError('NOT_FOUND', 'No such webhook endpoint.', { cause: error });
        throw error;
      }
      return keysetConnection(attempts.slice(0, first), (attempt) => attempt.id, {
        hasNextPage: attempts.length > first,
        hasPreviousPage: after !== null,
      });
    },
  }),
);
