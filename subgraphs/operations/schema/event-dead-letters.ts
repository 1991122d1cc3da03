import type { DeadLetter } from '../../../platform/events/dead-letters.js';
import { EventError } from '../../../platform/events/event-errors.js';
import { graphError } from '../../../platform/graphql/graph-error.js';
import { requireOperator } from '../require-operator.js';
import { builder } from '../builder.js';
import type { OperationsContext } from '../context.js';
import { deadLetterConnection, deadLetterIdOf } from './dead-letter-connection.js';
import { pageArgDescriptions, streamConnection, streamPageArgs } from './stream-page-args.js';

const EventDeadLetterType = builder.objectRef<DeadLetter>('EventDeadLetter').implement({
  description: 'An event a consumer group gave up on after its attempts, kept in `<stream>:dead`.',
  fields: (t) => ({
    id: t.exposeID('id', {
      description: 'Its id in the dead-letter stream: what `replayEventDeadLetter` takes.',
    }),
    originalEventId: t.exposeString('originalId', {
      description: 'The id the event had in the event stream.',
    }),
    eventType: t.string({
      nullable: true,
      description:
        'The kind of event, e.g. `order.status_changed`; null when the entry was not a canonical event.',
      resolve: (d) => d.event?.type ?? null,
    }),
    subject: t.string({
      nullable: true,
      description: 'What it is about (an order number, a SKU...); null when unreadable.',
      resolve: (d) => d.event?.subject ?? null,
    }),
    group: t.exposeString('group', { description: 'The consumer group that gave up on it.' }),
    consumer: t.exposeString('consumer', { description: 'The consumer that last had it.' }),
    attempts: t.exposeInt('attempts', { description: 'How many times it was delivered to the group.' }),
    error: t.exposeString('error', { description: 'The last handler error, or why it was given up on.' }),
    deadAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was dead-lettered; null when not recorded.',
      resolve: (d) => d.deadAt || null,
    }),
  }),
});

const EventDeadLetterConnection = deadLetterConnection({
  type: EventDeadLetterType,
  name: 'EventDeadLetter',
  many: 'dead-lettered events',
  one: 'dead-lettered event',
  count: (context) => deadLettersOf(context).count(),
});

const ReplayedEventType = builder
  .objectRef<{ deadLetterId: string; id: string; duplicate: boolean }>('ReplayedEventDeadLetter')
  .implement({
    description: 'A dead-lettered event appended to the event stream again.',
    fields: (t) => ({
      deadLetterId: t.exposeID('deadLetterId', { description: 'The dead letter replayed (now deleted).' }),
      eventId: t.exposeString('id', { description: 'The id of the event appended again.' }),
      duplicate: t.exposeBoolean('duplicate', {
        description:
          'True when it had been appended already (a replay of the same dead letter raced this one).',
      }),
    }),
  });

const DiscardedEventType = builder.objectRef<{ deadLetterId: string }>('DiscardedEventDeadLetter').implement({
  description: 'A dead-lettered event deleted without being replayed.',
  fields: (t) => ({
    deadLetterId: t.exposeID('deadLetterId', { description: 'The dead letter deleted.' }),
  }),
});

function deadLettersOf(context: OperationsContext) {
  if (!context.deadLetters) throw graphError('EVENTS_UNAVAILABLE');
  return context.deadLetters;
}

builder.queryFields((t) => ({
  eventDeadLetters: t.field({
    type: EventDeadLetterConnection,
    description:
      'Events the consumers (subscriptions, partner webhooks, cache invalidation, orchestration) gave up on, oldest first. Internal only (scope `operations:read`).',
    authenticated: true,
    requiresScopes: [['operations:read']],
    args: {
      first: t.arg.int({ required: false, description: pageArgDescriptions.first }),
      after: t.arg.string({ required: false, description: pageArgDescriptions.after }),
    },
    resolve: async (_root, args, context) => {
      requireOperator(context);
      const { first, after } = streamPageArgs(args);
      return streamConnection(await deadLettersOf(context).page(first, after));
    },
  }),
}));

builder.mutationFields((t) => ({
  replayEventDeadLetter: t.field({
    type: ReplayedEventType,
    description:
      'Appends a dead-lettered event to the event stream again (a new id, marked as a replay of the original) and deletes the dead letter; every consumer group sees it as new. NOT_FOUND when there is no such dead letter (e.g. already replayed); DEAD_LETTER_NOT_REPLAYABLE when it is not a canonical event (`eventType` null), which stays (see `discardEventDeadLetter`). Internal only (scope `operations:write`).',
    authenticated: true,
    requiresScopes: [['operations:write']],
    args: { id: t.arg.id({ required: true, description: 'The dead letter, `EventDeadLetter.id`.' }) },
    resolve: async (_root, args, context) => {
      requireOperator(context);
      const id = deadLetterIdOf(args.id);
      try {
        return { deadLetterId: id, ...(await deadLettersOf(context).replay(id)) };
      } catch (error) {
        if (error instanceof EventError && error.code === 'DEAD_LETTER_NOT_FOUND')
          throw graphError('NOT_FOUND', 'No such dead letter.', { cause: error });
        if (error instanceof EventError && error.code === 'EVENT_MALFORMED')
          throw graphError('DEAD_LETTER_NOT_REPLAYABLE', undefined, { cause: error });
        throw error;
      }
    },
  }),
  discardEventDeadLetter: t.field({
    type: DiscardedEventType,
    description:
      'Deletes a dead letter without replaying it: for an entry that is not a canonical event, or an event no consumer should see again. NOT_FOUND when there is no such dead letter. Internal only (scope `operations:write`).',
    authenticated: true,
    requiresScopes: [['operations:write']],
    args: { id: t.arg.id({ required: true, description: 'The dead letter, `EventDeadLetter.id`.' }) },
    resolve: async (_root, args, context) => {
      requireOperator(context);
      const id = deadLetterIdOf(args.id);
      if (!(await deadLettersOf(context).discard(id))) throw graphError('NOT_FOUND', 'No such dead letter.');
      return { deadLetterId: id };
    },
  }),
}));
