import type { RedisClient } from '../redis.js';
import { newEventSchema, type CanonicalEvent, type NewEvent } from './canonical-event.js';
import { destroyOnAbort, openDedicatedConnection } from './dedicated-connection.js';
import { EventError } from './event-errors.js';
import { APPEND_SCRIPT, READ_AFTER_SCRIPT } from './event-log-scripts.js';
import {
  compareIds,
  eventFields,
  eventOfEntry,
  fieldsOf,
  normaliseCursor,
  type StreamsReply,
} from './stream-entry.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface EventLogOptions {
  redis: RedisClient;
  /**
   * The stream's key. Default `dg:events`. De-duplication keys live under `<stream>:seen:`; on Redis
   * Cluster give the stream a hash tag (`{dg:events}`) so that both land in one slot.
   */
  stream?: string;
  /**
   * How long events are kept: each append trims entries older than this (`XADD MINID ~`, by Redis's
   * clock; approximate, so a few older entries may stay until a whole node can go). Default 7 days.
   */
  retentionMs?: number;
  /** Approximate cap on the number of entries (`XTRIM MAXLEN ~`), whatever their age. Default 1,000,000. */
  maxLength?: number;
  /** Entries read per page when replaying, and per blocking read when following. Default 100. */
  batchSize?: number;
  /** How long one blocking read waits before it is issued again. Default 5000 ms. */
  blockMs?: number;
}

export interface AppendOptions {
  /** What makes two appends the same event (e.g. `wms:<message id>`); the second appends nothing. */
  dedupKey: string;
  /** How long the key is remembered. Default 7 days. */
  dedupTtlMs?: number;
  /** The id of the original event this one replays (set by `EventConsumer.replayDeadLetter`). */
  replayOf?: string;
}

export interface ReadOptions {
  /** At most this many events (before `filter`). Default the log's `batchSize`. */
  count?: number;
  filter?: (event: CanonicalEvent) => boolean;
}

export interface SubscribeOptions {
  /** Deliver what comes after this event id; `0` for everything kept, `$` for new events only. */
  after: string;
  /** Ends the subscription and closes its connection. */
  signal: AbortSignal;
  filter?: (event: CanonicalEvent) => boolean;
}

type ReadReply = [string, string, string, [string, string[]][]];

/**
 * The canonical event log: one Redis stream, append-once per de-duplication key, read by cursor (the
 * entry id). A cursor is expired (EVENT_CURSOR_EXPIRED) when retention has trimmed entries and the
 * cursor is older than the oldest entry kept: the log can no longer prove nothing after it was lost.
 * `0` never expires (it asks for whatever is kept).
 */
export class EventLog {
  readonly #redis: RedisClient;
  readonly stream: string;
  readonly #retentionMs: number;
  readonly #maxLength: number;
  readonly #batchSize: number;
  readonly #blockMs: number;

  constructor(options: EventLogOptions) {
    this.#redis = options.redis;
    this.stream = options.stream ?? 'dg:events';
    this.#retentionMs = options.retentionMs ?? 7 * DAY_MS;
    this.#maxLength = options.maxLength ?? 1_000_000;
    this.#batchSize = options.batchSize ?? 100;
    this.#blockMs = options.blockMs ?? 5000;
  }

  /**
   * Records `event` durably, once per `dedupKey`: a key seen before answers the first append's id with
   * `duplicate: true`. Throws EVENT_INVALID (nothing appended) or EVENT_APPEND_FAILED; never pretends.
   */
  async append(event: NewEvent, options: AppendOptions): Promise<{ id: string; duplicate: boolean }> {
    const parsed = newEventSchema.safeParse(event);
    if (!parsed.success)
      throw new EventError('EVENT_INVALID', this.stream, `invalid event: ${parsed.error.message}`, {
        cause: parsed.error,
      });
    try {
      const [id, duplicate] = (await this.#redis.eval(APPEND_SCRIPT, {
        keys: [this.stream, `${this.stream}:seen:${options.dedupKey}`],
        arguments: [
          String(options.dedupTtlMs ?? 7 * DAY_MS),
          String(this.#retentionMs),
          String(this.#maxLength),
          ...Object.entries(eventFields(parsed.data, options.replayOf)).flat(),
        ],
      })) as [string, number];
      return { id, duplicate: duplicate === 1 };
    } catch (error) {
      throw new EventError('EVENT_APPEND_FAILED', this.stream, 'the event was not recorded', {
        cause: error,
      });
    }
  }

  /** Up to `count` events after `afterId` (exclusive), oldest first; `0` reads from the oldest kept. */
  async readAfter(afterId: string, options: ReadOptions = {}): Promise<CanonicalEvent[]> {
    const events = await this.#page(normaliseCursor(this.stream, afterId), options.count ?? this.#batchSize);
    return options.filter ? events.filter(options.filter) : events;
  }

  /** Events appended between `start` and `end` inclusive, each a time or an entry id. */
  async readRange(
    start: Date | string,
    end: Date | string,
    options: ReadOptions = {},
  ): Promise<CanonicalEvent[]> {
    const bound = (at: Date | string) => (at instanceof Date ? String(at.getTime()) : at);
    const entries = await this.#redis.xRange(this.stream, bound(start), bound(end), {
      COUNT: options.count ?? this.#batchSize,
    });
    const events = entries.map((e) => eventOfEntry(this.stream, e.id, e.message as Record<string, string>));
    return options.filter ? events.filter(options.filter) : events;
  }

  /** The id of the newest event, or `0-0` when there is none: a cursor for "from now on". */
  async latestId(): Promise<string> {
    const [last] = await this.#redis.xRevRange(this.stream, '+', '-', { COUNT: 1 });
    return last?.id ?? '0-0';
  }

  /**
   * Every event after `after` still kept, in order, then live ones as they are appended, with neither gap
   * nor duplicate between the two (the live read continues from the last id delivered). Live reads block
   * on a connection of their own, closed when `signal` aborts or the loop is left. Throws
   * EVENT_CURSOR_EXPIRED for a cursor older than retention, and the connection's error if it drops.
   */
  async *subscribe(options: SubscribeOptions): AsyncGenerator<CanonicalEvent, void, undefined> {
    const { signal } = options;
    const keep = options.filter ?? (() => true);
    let cursor = options.after === '$' ? await this.latestId() : normaliseCursor(this.stream, options.after);
    for (let full = true; full && !signal.aborted;) {
      const page = await this.#page(cursor, this.#batchSize);
      full = page.length === this.#batchSize;
      for (const event of page) {
        if (signal.aborted) return;
        cursor = event.id;
        if (keep(event)) yield event;
      }
    }
    if (signal.aborted) return;
    const connection = await openDedicatedConnection(this.#redis, `dg-events-subscribe:${this.stream}`);
    const forget = destroyOnAbort(connection, signal);
    try {
      while (!signal.aborted) {
        const reply = (await connection
          .xRead({ key: this.stream, id: cursor }, { BLOCK: this.#blockMs, COUNT: this.#batchSize })
          .catch((error: unknown) => {
            if (signal.aborted) return null;
            throw error;
          })) as StreamsReply;
        for (const entry of reply?.[0]?.messages ?? []) {
          if (signal.aborted) return;
          cursor = entry.id;
          const event = eventOfEntry(this.stream, entry.id, entry.message);
          if (keep(event)) yield event;
        }
      }
    } finally {
      forget();
      if (connection.isOpen) connection.destroy();
    }
  }

  /** One page after `cursor`, refused when retention has trimmed what came after it. */
  async #page(cursor: string, count: number): Promise<CanonicalEvent[]> {
    const [trimmed, first, last, entries] = (await this.#redis.eval(READ_AFTER_SCRIPT, {
      keys: [this.stream],
      arguments: [cursor, String(count)],
    })) as ReadReply;
    const oldestKept = first || last;
    // With nothing kept, the cursor must be the last id ever generated; otherwise older than the first kept.
    if (trimmed !== '0' && cursor !== '0-0' && compareIds(cursor, oldestKept) < 0)
      throw new EventError(
        'EVENT_CURSOR_EXPIRED',
        this.stream,
        `events after ${cursor} may have been trimmed; the oldest kept is ${oldestKept || 'none'}`,
      );
    return entries.map(([id, flat]) => eventOfEntry(this.stream, id, fieldsOf(flat)));
  }
}
