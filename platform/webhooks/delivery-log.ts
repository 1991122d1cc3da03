import type { RedisClient } from '../redis.js';
import type { EventType } from '../events/canonical-event.js';

/**
 * What came of one attempt. `delivered`: a 2xx. `retrying`: it failed and will be tried again.
 * `dead_lettered`: the last attempt failed; the endpoint is flagged failing. `gone`: the endpoint answered
 * 410 and was disabled. `skipped`: not attempted because the endpoint was disabled or removed meanwhile.
 */
export const deliveryOutcomes = ['delivered', 'retrying', 'dead_lettered', 'gone', 'skipped'] as const;

export type DeliveryOutcome = (typeof deliveryOutcomes)[number];

export interface DeliveryAttempt {
  /** This record's id (a stream entry id): the cursor of the delivery list. */
  id: string;
  eventId: string;
  eventType: EventType;
  /** 1 for the first attempt of a delivery (a replay starts again at 1). */
  attempt: number;
  outcome: DeliveryOutcome;
  /** The endpoint's HTTP status; null when no answer came (refused address, network error, timeout). */
  statusCode: number | null;
  /** Why it failed, when it did. */
  error: string | null;
  durationMs: number;
  /** When the attempt ended, ISO 8601. */
  at: string;
  /** Whether the delivery was a replay. */
  replay: boolean;
}

/** Records kept per endpoint; older ones are trimmed (approximately) as new ones come. */
export const DELIVERY_LOG_LENGTH = 1000;
/** An endpoint's log is dropped after a week without any attempt. */
const DELIVERY_LOG_TTL_MS = 7 * 24 * 3_600_000;

/** Each endpoint's recent delivery attempts: a capped Redis stream `<namespace>:webhooks:deliveries:<id>`. */
export class DeliveryLog {
  readonly #redis: RedisClient;
  readonly #prefix: string;

  constructor(redis: RedisClient, namespace = 'dg') {
    this.#redis = redis;
    this.#prefix = `${namespace}:webhooks:deliveries`;
  }

  async record(endpointId: string, attempt: Omit<DeliveryAttempt, 'id' | 'at'>): Promise<void> {
    const key = `${this.#prefix}:${endpointId}`;
    await this.#redis
      .multi()
      .xAdd(
        key,
        '*',
        {
          eventId: attempt.eventId,
          eventType: attempt.eventType,
          attempt: String(attempt.attempt),
          outcome: attempt.outcome,
          statusCode: attempt.statusCode === null ? '' : String(attempt.statusCode),
          error: attempt.error ?? '',
          durationMs: String(attempt.durationMs),
          at: new Date().toISOString(),
          replay: attempt.replay ? '1' : '',
        },
        { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: DELIVERY_LOG_LENGTH } },
      )
      .pExpire(key, DELIVERY_LOG_TTL_MS)
      .exec();
  }

  /** Up to `count` attempts, newest first, older than the record `before` when given. */
  async list(endpointId: string, count: number, before?: string): Promise<DeliveryAttempt[]> {
    const entries = await this.#redis.xRevRange(
      `${this.#prefix}:${endpointId}`,
      before ? `(${before}` : '+',
      '-',
      { COUNT: count },
    );
    return entries.map(({ id, message }) => {
      const f = message as Record<string, string>;
      return {
        id,
        eventId: f.eventId ?? '',
        eventType: f.eventType as EventType,
        attempt: Number(f.attempt),
        outcome: f.outcome as DeliveryOutcome,
        statusCode: f.statusCode ? Number(f.statusCode) : null,
        error: f.error || null,
        durationMs: Number(f.durationMs),
        at: f.at ?? '',
        replay: f.replay === '1',
      };
    });
  }

  /** Forgets the endpoint's log (on removal). */
  async drop(endpointId: string): Promise<void> {
    await this.#redis.del(`${this.#prefix}:${endpointId}`);
  }
}
