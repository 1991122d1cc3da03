import { DeadLetters, type DeadLetter } from '../../platform/events/dead-letters.js';
import type { EventLog } from '../../platform/events/event-log.js';
import type { StreamPage } from '../../platform/events/stream-page.js';
import type { RedisClient } from '../../platform/redis.js';

/**
 * The events consumer groups gave up on (`<stream>:dead`), page by page, and their replay
 * (`DeadLetters.replay`: appended again once, the dead letter deleted).
 */
export class DeadLetterPages {
  readonly #redis: RedisClient;
  readonly #deadLetters: DeadLetters;

  constructor(redis: RedisClient, log: EventLog) {
    this.#redis = redis;
    this.#deadLetters = new DeadLetters(redis, log, 100_000);
  }

  get key(): string {
    return this.#deadLetters.key;
  }

  page(first: number, after: string | null): Promise<StreamPage<DeadLetter>> {
    return this.#deadLetters.page(first, after);
  }

  count(): Promise<number> {
    return this.#redis.xLen(this.key);
  }

  /** Appends its event again; EventError DEAD_LETTER_NOT_FOUND when there is no such dead letter. */
  replay(id: string): Promise<{ id: string; duplicate: boolean }> {
    return this.#deadLetters.replay(id);
  }

  /** Deletes it without replaying it; false when there is no such dead letter. */
  discard(id: string): Promise<boolean> {
    return this.#deadLetters.discard(id);
  }
}
