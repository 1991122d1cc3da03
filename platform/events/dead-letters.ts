import type { RedisClient } from '../redis.js';
import type { CanonicalEvent } from './canonical-event.js';
import { EventError } from './event-errors.js';
import type { EventLog } from './event-log.js';
import { eventOfEntry } from './stream-entry.js';
import { readStreamPage, type StreamPage } from './stream-page.js';

/**
 * Moves entry ARGV[2] of group ARGV[1] to the dead-letter stream, once: XACK first, and only when that
 * acknowledged something, XADD to KEYS[2] (capped at about ARGV[3]) and forget its last error (KEYS[3]).
 * ARGV[4..] are the dead letter's field/value pairs. Returns 1 when moved, 0 when no longer pending.
 */
const DEAD_LETTER_SCRIPT = `
if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', unpack(ARGV, 4))
redis.call('HDEL', KEYS[3], ARGV[2])
return 1
`;

/** An event a consumer group gave up on, in `<stream>:dead`. */
export interface DeadLetter {
  /** This dead letter's id in the dead-letter stream. */
  id: string;
  /** The event, with its original id; null when the stored entry was not a canonical event. */
  event: CanonicalEvent | null;
  originalId: string;
  group: string;
  consumer: string;
  /** How many times it was delivered to a consumer of the group. */
  attempts: number;
  /** The last handler error, or why it was given up on. */
  error: string;
  /** When it was dead-lettered, ISO 8601. */
  deadAt: string;
}

export interface DeadLetterMove {
  originalId: string;
  fields: Record<string, string>;
  group: string;
  consumer: string;
  attempts: number;
  error: string;
}

/** The dead-letter stream of an event log: `<stream>:dead`, shared by its consumer groups. */
export class DeadLetters {
  readonly #redis: RedisClient;
  readonly #log: EventLog;
  readonly key: string;
  readonly #maxLength: number;

  constructor(redis: RedisClient, log: EventLog, maxLength: number) {
    this.#redis = redis;
    this.#log = log;
    this.key = `${log.stream}:dead`;
    this.#maxLength = maxLength;
  }

  /** Acks the entry and records it here, atomically; false when another consumer already settled it. */
  async move(move: DeadLetterMove, errorsKey: string): Promise<boolean> {
    const fields = {
      ...move.fields,
      originalId: move.originalId,
      group: move.group,
      consumer: move.consumer,
      attempts: String(move.attempts),
      error: move.error,
      deadAt: new Date().toISOString(),
    };
    const moved = await this.#redis.eval(DEAD_LETTER_SCRIPT, {
      keys: [this.#log.stream, this.key, errorsKey],
      arguments: [move.group, move.originalId, String(this.#maxLength), ...Object.entries(fields).flat()],
    });
    return moved === 1;
  }

  /** The oldest `count` dead letters. */
  async list(count: number): Promise<DeadLetter[]> {
    const entries = await this.#redis.xRange(this.key, '-', '+', { COUNT: count });
    return entries.map(({ id, message }) => this.#letterOf(id, message as Record<string, string>));
  }

  /** `first` dead letters after dead letter `after` (exclusive; null: from the oldest), oldest first. */
  async page(first: number, after: string | null): Promise<StreamPage<DeadLetter>> {
    const page = await readStreamPage(this.#redis, this.key, first, after);
    return { ...page, items: page.items.map(({ id, fields }) => this.#letterOf(id, fields)) };
  }

  #letterOf(id: string, fields: Record<string, string>): DeadLetter {
    const originalId = fields.originalId ?? '';
    return {
      id,
      event: this.#eventOf(originalId, fields),
      originalId,
      group: fields.group ?? '',
      consumer: fields.consumer ?? '',
      attempts: Number(fields.attempts ?? 0),
      error: fields.error ?? '',
      deadAt: fields.deadAt ?? '',
    };
  }

  #eventOf(originalId: string, fields: Record<string, string>): CanonicalEvent | null {
    try {
      return eventOfEntry(this.key, originalId, fields);
    } catch {
      return null;
    }
  }

  /**
   * Appends dead letter `id`'s event to the log again (a new id, the same payload, `replayOf` its original
   * id) and deletes the dead letter. Idempotent: replaying the same dead letter twice appends once.
   */
  async replay(id: string): Promise<{ id: string; duplicate: boolean }> {
    const [entry] = await this.#redis.xRange(this.key, id, id);
    if (!entry) throw new EventError('DEAD_LETTER_NOT_FOUND', this.key, `no dead letter ${id}`);
    const fields = entry.message as Record<string, string>;
    const {
      id: originalId,
      replayOf: _replayOf,
      ...event
    } = eventOfEntry(this.key, fields.originalId ?? '', fields);
    const appended = await this.#log.append(event, {
      dedupKey: `replay:${this.key}:${id}`,
      replayOf: originalId,
    });
    await this.#redis.xDel(this.key, id);
    return appended;
  }

  /** Deletes dead letter `id` without replaying it; false when there is no such dead letter. */
  async discard(id: string): Promise<boolean> {
    return (await this.#redis.xDel(this.key, id)) > 0;
  }
}
