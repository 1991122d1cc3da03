import { graphError } from '../../../platform/graphql/graph-error.js';
import { throwIfIssues } from '../../../platform/graphql/input-issues.js';
import { requireOperator } from '../require-operator.js';
import { WebhookError } from '../../../platform/webhooks/webhook-errors.js';
import { builder } from '../builder.js';
import type { OperationsContext } from '../context.js';
import type { WebhookDeadLetter } from '../webhook-delivery-health.js';
import { deadLetterConnection, deadLetterIdOf } from './dead-letter-connection.js';
import { pageArgDescriptions, streamConnection, streamPageArgs } from './stream-page-args.js';

const WebhookDeadLetterType = builder.objectRef<WebhookDeadLetter>('WebhookDeadLetter').implement({
  description: 'A partner webhook delivery that used every attempt of its retry schedule.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Its id: what `replayWebhookDeadLetter` takes.' }),
    endpointId: t.exposeString('endpointId', { description: 'The endpoint it was for, `whe_...`.' }),
    eventId: t.exposeString('eventId', { description: 'The event it carried.' }),
    eventType: t.exposeString('eventType', { description: 'The kind of event.' }),
    attempts: t.exposeInt('attempts', { description: 'How many attempts were made.' }),
    error: t.exposeString('error', { description: 'Why the last attempt failed.' }),
    deadAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was given up on; null when not recorded.',
      resolve: (d) => d.deadAt || null,
    }),
  }),
});

const WebhookDeadLetterConnection = deadLetterConnection({
  type: WebhookDeadLetterType,
  name: 'WebhookDeadLetter',
  many: 'dead-lettered webhook deliveries',
  one: 'dead-lettered delivery',
  count: (context) => webhooksOf(context).countDeadLetters(),
});

interface ReplayedDelivery {
  deadLetter: WebhookDeadLetter;
  enqueued: number;
}

const ReplayedDeliveryType = builder.objectRef<ReplayedDelivery>('ReplayedWebhookDeadLetter').implement({
  description: 'A dead-lettered delivery queued again to its endpoint.',
  fields: (t) => ({
    deadLetterId: t.id({
      description: 'The dead letter replayed (now deleted).',
      resolve: (r) => r.deadLetter.id,
    }),
    endpointId: t.string({
      description: 'The endpoint it is queued to.',
      resolve: (r) => r.deadLetter.endpointId,
    }),
    eventId: t.string({ description: 'The event re-sent.', resolve: (r) => r.deadLetter.eventId }),
    enqueued: t.exposeInt('enqueued', {
      description: 'Deliveries queued: 1, or 0 when the event is no longer in the log (trimmed).',
    }),
  }),
});

export function webhooksOf(context: OperationsContext) {
  if (!context.webhooks) throw graphError('WEBHOOKS_UNAVAILABLE');
  return context.webhooks;
}

builder.queryFields((t) => ({
  webhookDeadLetters: t.field({
    type: WebhookDeadLetterConnection,
    description:
      'Partner webhook deliveries that used every attempt, oldest first. Internal only (scope `operations:read`).',
    authenticated: true,
    requiresScopes: [['operations:read']],
    args: {
      first: t.arg.int({ required: false, description: pageArgDescriptions.first }),
      after: t.arg.string({ required: false, description: pageArgDescriptions.after }),
    },
    resolve: async (_root, args, context) => {
      requireOperator(context);
      const { first, after } = streamPageArgs(args);
      return streamConnection(await webhooksOf(context).deadLetters(first, after));
    },
  }),
}));

builder.mutationFields((t) => ({
  replayWebhookDeadLetter: t.field({
    type: ReplayedDeliveryType,
    description:
      'Queues a dead-lettered delivery to its endpoint again (a fresh retry schedule, the same `webhook-id`) and deletes the dead letter. NOT_FOUND when there is no such dead letter or its endpoint is gone; BAD_USER_INPUT while the endpoint is disabled (enable it first). Internal only (scope `operations:write`).',
    authenticated: true,
    requiresScopes: [['operations:write']],
    args: { id: t.arg.id({ required: true, description: 'The dead letter, `WebhookDeadLetter.id`.' }) },
    resolve: async (_root, args, context) => {
      const principal = requireOperator(context);
      const id = deadLetterIdOf(args.id);
      try {
        const replayed = await webhooksOf(context).replay(
          { principalId: principal.id, tenantPartnerId: null },
          id,
        );
        if (!replayed) throw graphError('NOT_FOUND', 'No such dead letter.');
        return replayed;
      } catch (error) {
        if (error instanceof WebhookError && error.code === 'UNKNOWN_ENDPOINT')
          throw graphError('NOT_FOUND', 'The endpoint of this dead letter is gone.', { cause: error });
        if (error instanceof WebhookError && error.code === 'ENDPOINT_DISABLED')
          throwIfIssues([{ argument: 'id', message: 'its endpoint is disabled: enable it, then replay' }]);
        throw error;
      }
    },
  }),
}));
