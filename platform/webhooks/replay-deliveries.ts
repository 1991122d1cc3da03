import { randomBytes } from 'node:crypto';
import type { CanonicalEvent } from '../events/canonical-event.js';
import type { EventLog } from '../events/event-log.js';
import type { DeliveryQueue } from './delivery-queue.js';
import { MAX_REPLAY_EVENTS, replayRequestSchema, type ReplayRequest } from './replay-request.js';
import { tenantMatches, type WebhookEndpoint } from './webhook-endpoint.js';
import { WebhookError } from './webhook-errors.js';

const PAGE = 500;

export interface ReplayResult {
  /** Deliveries queued. */
  enqueued: number;
  /** Event ids asked for that are not in the log (never, or trimmed) or not for this endpoint. */
  ignoredEventIds: string[];
}

/**
 * Re-sends events from the log to `endpoint`: the named ids, or everything in the time range, keeping only
 * events of the endpoint's types and tenant. Each is queued as a new job (a replay marker in its id), so it
 * is sent again even when the original was delivered; it keeps its event id as `webhook-id`.
 */
export async function replayDeliveries(
  events: EventLog,
  queue: DeliveryQueue,
  endpoint: WebhookEndpoint,
  request: ReplayRequest,
): Promise<ReplayResult> {
  const parsed = replayRequestSchema.safeParse(request);
  if (!parsed.success)
    throw new WebhookError(
      'INVALID_INPUT',
      'The replay request is invalid.',
      parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'input', message: i.message })),
    );
  const wanted = (event: CanonicalEvent) =>
    endpoint.eventTypes.includes(event.type) && tenantMatches(endpoint, event.tenantPartnerId);
  const { eventIds, from, to } = parsed.data;
  let selected: CanonicalEvent[];
  const ignoredEventIds: string[] = [];
  if (eventIds) {
    selected = [];
    for (const id of new Set(eventIds)) {
      const [event] = await events.readRange(id, id, { count: 1 });
      if (event && wanted(event)) selected.push(event);
      else ignoredEventIds.push(id);
    }
  } else selected = await eventsInRange(events, from!, to ?? new Date(), wanted);
  const replayId = randomBytes(6).toString('hex');
  await queue.enqueue(selected.map((event) => ({ endpointId: endpoint.id, event, replayId })));
  return { enqueued: selected.length, ignoredEventIds };
}

async function eventsInRange(
  events: EventLog,
  from: Date,
  to: Date,
  wanted: (event: CanonicalEvent) => boolean,
): Promise<CanonicalEvent[]> {
  const selected: CanonicalEvent[] = [];
  let start: Date | string = from;
  for (;;) {
    const page = await events.readRange(start, to, { count: PAGE });
    selected.push(...page.filter(wanted));
    if (selected.length > MAX_REPLAY_EVENTS)
      throw new WebhookError('INVALID_INPUT', `The range holds more than ${MAX_REPLAY_EVENTS} events.`, [
        { path: 'from', message: `narrow the range to at most ${MAX_REPLAY_EVENTS} events` },
      ]);
    const last = page.at(-1);
    if (page.length < PAGE || !last) return selected;
    start = `(${last.id}`; // exclusive: the next page starts after the last entry read
  }
}
