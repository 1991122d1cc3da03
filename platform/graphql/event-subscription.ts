import type { GraphQLError } from 'graphql';
import { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import type { CanonicalEvent, EventType } from '../events/canonical-event.js';
import { eventDataOf, type EventData } from '../events/event-data.js';
import { EventError } from '../events/event-errors.js';
import type { EventHub } from '../events/event-hub.js';
import { graphError } from './graph-error.js';
import { throwIfIssues, type Issue } from './input-issues.js';

/** What a subscription resolver hands its payload resolver: an event, or the error that ended the stream. */
export type EventDelivery = { event: CanonicalEvent } | { error: GraphQLError };

export interface EventSubscriptionArgs {
  after?: string | null;
}

/** At most this many values in one filter list (order numbers, tracking numbers, SKUs). */
export const MAX_FILTER_VALUES = 100;

const afterSchema = z.string().regex(/^(0|\d+-\d+)$/, 'must be an eventId received earlier, or "0"');
const filterValues = z.array(z.string().min(1).max(128)).min(1).max(MAX_FILTER_VALUES);

/** Validates the shared arguments of a subscription; throws one BAD_USER_INPUT naming each problem. */
export function checkSubscriptionArgs(args: {
  after?: string | null;
  lists?: Record<string, readonly string[] | null | undefined>;
}): void {
  const issues: Issue[] = [];
  if (args.after != null) {
    const parsed = afterSchema.safeParse(args.after);
    if (!parsed.success) issues.push({ argument: 'after', message: parsed.error.issues[0]!.message });
  }
  for (const [argument, values] of Object.entries(args.lists ?? {})) {
    if (values == null) continue;
    const parsed = filterValues.safeParse(values);
    if (!parsed.success)
      issues.push({ argument, message: `must list 1 to ${MAX_FILTER_VALUES} non-empty values` });
  }
  throwIfIssues(issues);
}

/**
 * Whether `principal` may receive `event` about a tenant's object: internal callers all; a partner only
 * its own tenant's. An event with no tenant (its owner unknown) goes to internal callers only.
 */
export function tenantMayReceive(principal: Principal, event: CanonicalEvent): boolean {
  return principal.kind === 'internal' || event.tenantPartnerId === principal.tenantPartnerId;
}

function graphErrorOf(error: unknown): GraphQLError {
  if (error instanceof EventError) {
    if (error.code === 'EVENT_CURSOR_EXPIRED')
      return graphError('EVENT_CURSOR_EXPIRED', undefined, { cause: error });
    if (error.code === 'EVENT_CURSOR_INVALID')
      return graphError('BAD_USER_INPUT', 'Invalid arguments: after is not an event id.', {
        cause: error,
        extensions: { issues: [{ argument: 'after', message: 'is not an event id' }] },
      });
    if (error.code === 'EVENT_SUBSCRIBER_LAGGING')
      return graphError('SUBSCRIPTION_LAGGING', undefined, { cause: error });
  }
  return graphError('EVENTS_UNAVAILABLE', undefined, { cause: error });
}

/**
 * The source stream of a subscription field: the events `keep` accepts, after `args.after` (then live).
 * A bad or expired cursor, or a missing event log, fails the subscription at once with a typed error. An
 * error later (a lagging subscriber, Redis lost for good) is delivered as a last payload whose resolver
 * throws it, then the stream ends: the client learns why and can resume from the last `eventId`.
 */
export async function subscribeToEvents(
  hub: EventHub | null,
  args: EventSubscriptionArgs,
  keep: (event: CanonicalEvent) => boolean,
  /** The only subjects `keep` can accept, when the arguments name them: indexes the subscriber. */
  subjects?: Iterable<string> | null,
): Promise<AsyncIterable<EventDelivery>> {
  if (!hub) throw graphError('EVENTS_UNAVAILABLE');
  let events: AsyncIterableIterator<CanonicalEvent>;
  try {
    events = await hub.open({
      ...(args.after != null ? { after: args.after } : {}),
      ...(subjects ? { subjects: new Set(subjects) } : {}),
      filter: keep,
    });
  } catch (error) {
    throw graphErrorOf(error);
  }
  return deliveries(events);
}

/**
 * Events as deliveries. Written as a plain iterator, not a generator: a generator awaiting the next event
 * would queue the client's `return()` until one arrived, keeping the subscription (and its queue) alive.
 */
function deliveries(events: AsyncIterableIterator<CanonicalEvent>): AsyncIterableIterator<EventDelivery> {
  let finished = false;
  return {
    async next() {
      if (finished) return { done: true, value: undefined };
      try {
        const result = await events.next();
        if (result.done) finished = true;
        return result.done ? result : { done: false, value: { event: result.value } };
      } catch (error) {
        finished = true;
        return { done: false, value: { error: graphErrorOf(error) } };
      }
    },
    async return() {
      finished = true;
      await events.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** The event of a delivery, or the error that ended its stream, thrown for the payload resolver. */
export function eventOf(delivery: EventDelivery): CanonicalEvent {
  if ('error' in delivery) throw delivery.error;
  return delivery.event;
}

/** What every subscription payload carries besides the event's data. */
export interface EventEnvelope {
  eventId: string;
  occurredAt: string;
}

/** Descriptions shared by every subscription, so the three read the same. */
export const EVENT_DOCS = {
  eventId: 'The event’s id, in the order events happen; pass it as `after` to resume after it.',
  after: 'Resume after this `eventId`; `"0"` for everything kept. Omitted: from now on.',
} as const;

/**
 * A subscription's payload for one delivery: the event's typed data with its id and time. Throws the
 * error that ended the stream, or for an event whose data does not match its type (written by
 * something else), which the client sees as that payload's error.
 */
export function eventPayload<T extends EventType>(
  delivery: EventDelivery,
  type: T,
): EventData<T> & EventEnvelope {
  const event = eventOf(delivery);
  const data = eventDataOf(event, type);
  if (!data) throw new Error(`event ${event.id} is not a valid ${type}`);
  return { ...data, eventId: event.id, occurredAt: event.time };
}
