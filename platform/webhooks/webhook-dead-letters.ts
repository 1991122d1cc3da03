import type { RedisClient } from '../redis.js';
import type { CanonicalEvent } from '../events/canonical-event.js';

/** Approximate cap on the dead-letter stream. */
const MAX_DEAD_LETTERS = 100_000;

/**
 * Deliveries that used every attempt: a capped stream `<namespace>:webhooks:dead`, for operators (the
 * failed BullMQ job is kept a week too). A dead letter is re-sent by replaying its event id.
 */
export class WebhookDeadLetters {
  readonly #redis: RedisClient;
  readonly key: string;

  constructor(redis: RedisClient, namespace = 'dg') {
    this.#redis = redis;
    this.key = `${namespace}:webhooks:dead`;
  }

  async record(endpointId: string, event: CanonicalEvent, attempts: number, error: string): Promise<void> {
    await this.#redis.xAdd(
      this.key,
      '*',
      {
        endpointId,
        eventId: event.id,
        eventType: event.type,
        attempts: String(attempts),
        error,
        deadAt: new Date().toISOString(),
      },
      { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: MAX_DEAD_LETTERS } },
    );
  }

  /** Dead letter `id`'s fields, or null when there is none. */
  async get(id: string): Promise<Record<string, string> | null> {
    const [entry] = await this.#redis.xRange(this.key, id, id);
    return entry ? entry.message : null;
  }

  /** Forgets dead letter `id` (once it has been replayed). */
  async remove(id: string): Promise<void> {
    await this.#redis.xDel(this.key, id);
  }

  /** How many dead letters there are. */
  count(): Promise<number> {
    return this.#redis.xLen(this.key);
  }

  /** The oldest `count` dead letters. */
  async list(count = 100): Promise<Record<string, string>[]> {
    const entries = await this.#redis.xRange(this.key, '-', '+', { COUNT: count });
    return entries.map(({ id, message }) => ({ id, ...(message as Record<string, string>) }));
  }
}
