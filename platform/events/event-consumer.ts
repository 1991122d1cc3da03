import type { RedisClient } from '../redis.js';
import type { CanonicalEvent } from './canonical-event.js';
import { DeadLetters, type DeadLetter } from './dead-letters.js';
import { destroyOnAbort, openDedicatedConnection } from './dedicated-connection.js';
import type { EventLog } from './event-log.js';
import { eventOfEntry, type StreamsReply } from './stream-entry.js';

export interface EventConsumerOptions {
  redis: RedisClient;
  /** The log whose stream the group reads, and where dead letters are replayed to. */
  log: EventLog;
  /** The consumer group (one per kind of worker: `partner-webhooks`, `cache-invalidation`, …). */
  group: string;
  /** This consumer's name in the group, unique per process (e.g. host and pid). */
  consumer: string;
  /** Where a group created now starts: `0` every event kept, `$` new events only. Default `$`. */
  startFrom?: '0' | '$';
  /**
   * An entry pending longer than this (its handler failed, or its consumer died) is claimed and handed
   * to a handler again. Default 30,000 ms.
   */
  claimIdleMs?: number;
  /** How often to look for such entries. Default `claimIdleMs`. */
  claimEveryMs?: number;
  /** Deliveries after which an entry whose handler keeps failing is dead-lettered and acked. Default 5. */
  maxAttempts?: number;
  /** Entries per read. Default 10. */
  batchSize?: number;
  /** Longest a read blocks before looking for idle entries again. Default 5000 ms. */
  blockMs?: number;
  /** Approximate cap on the dead-letter stream `<stream>:dead`. Default 100,000. */
  deadLetterMaxLength?: number;
}

/** Handles one event; throwing leaves it pending, to be retried after `claimIdleMs`. */
export type EventHandler = (event: CanonicalEvent, context: { attempt: number }) => Promise<void> | void;

/**
 * A worker's reader of the event log through a Redis consumer group: at-least-once delivery, acked on
 * success, retried after `claimIdleMs` on failure (also when a consumer crashed holding entries), and
 * dead-lettered to `<stream>:dead` after `maxAttempts` deliveries; dead letters can be listed and replayed.
 */
export class EventConsumer {
  readonly #redis: RedisClient;
  readonly #stream: string;
  readonly #group: string;
  readonly #consumer: string;
  readonly #startFrom: '0' | '$';
  readonly #claimIdleMs: number;
  readonly #claimEveryMs: number;
  readonly #maxAttempts: number;
  readonly #batchSize: number;
  readonly #blockMs: number;
  readonly #errorsKey: string;
  readonly #deadLetters: DeadLetters;

  constructor(options: EventConsumerOptions) {
    this.#redis = options.redis;
    this.#stream = options.log.stream;
    this.#group = options.group;
    this.#consumer = options.consumer;
    this.#startFrom = options.startFrom ?? '$';
    this.#claimIdleMs = options.claimIdleMs ?? 30_000;
    this.#claimEveryMs = options.claimEveryMs ?? this.#claimIdleMs;
    this.#maxAttempts = options.maxAttempts ?? 5;
    this.#batchSize = options.batchSize ?? 10;
    this.#blockMs = options.blockMs ?? 5000;
    this.#errorsKey = `${this.#stream}:errors:${this.#group}`;
    this.#deadLetters = new DeadLetters(options.redis, options.log, options.deadLetterMaxLength ?? 100_000);
  }

  /** Creates the group (and the stream) unless it exists. `run` does it too. */
  async ensureGroup(): Promise<void> {
    try {
      await this.#redis.xGroupCreate(this.#stream, this.#group, this.#startFrom, { MKSTREAM: true });
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('BUSYGROUP')) throw error;
    }
  }

  /**
   * Hands events to `handler` one at a time until `signal` aborts; resolves once the event in hand is
   * settled and the blocking connection closed. Rejects when Redis fails (a supervisor restarts it).
   */
  async run(handler: EventHandler, options: { signal: AbortSignal }): Promise<void> {
    const { signal } = options;
    await this.ensureGroup();
    const name = `dg-events-consumer:${this.#stream}:${this.#group}:${this.#consumer}`;
    const connection = await openDedicatedConnection(this.#redis, name);
    const forget = destroyOnAbort(connection, signal);
    let claimAt = 0;
    try {
      while (!signal.aborted) {
        if (Date.now() >= claimAt) {
          await this.#claimIdle(handler, signal);
          claimAt = Date.now() + this.#claimEveryMs;
        }
        const block = Math.max(1, Math.min(this.#blockMs, claimAt - Date.now()));
        const reply = (await connection
          .xReadGroup(
            this.#group,
            this.#consumer,
            { key: this.#stream, id: '>' },
            { BLOCK: block, COUNT: this.#batchSize },
          )
          .catch((error: unknown) => {
            if (signal.aborted) return null;
            throw error;
          })) as StreamsReply;
        for (const entry of reply?.[0]?.messages ?? [])
          await this.#handle(entry.id, entry.message, 1, handler);
      }
    } finally {
      forget();
      if (connection.isOpen) connection.destroy();
    }
  }

  /** The oldest `count` dead letters of the log (every group's). */
  deadLetters(count = 100): Promise<DeadLetter[]> {
    return this.#deadLetters.list(count);
  }

  /** Appends dead letter `id`'s event to the log again (`replayOf` its original id) and deletes it. */
  replayDeadLetter(id: string): Promise<{ id: string; duplicate: boolean }> {
    return this.#deadLetters.replay(id);
  }

  /** Claims the group's entries idle longer than `claimIdleMs` and handles each again. */
  async #claimIdle(handler: EventHandler, signal: AbortSignal): Promise<void> {
    let start = '0-0';
    do {
      const claimed = await this.#redis.xAutoClaim(
        this.#stream,
        this.#group,
        this.#consumer,
        this.#claimIdleMs,
        start,
        { COUNT: this.#batchSize },
      );
      for (const message of claimed.messages) {
        if (!message || signal.aborted) continue;
        const [pending] = await this.#redis.xPendingRange(
          this.#stream,
          this.#group,
          message.id,
          message.id,
          1,
        );
        if (!pending) continue; // settled meanwhile
        const fields = message.message as Record<string, string>;
        await this.#handle(message.id, fields, pending.deliveriesCounter, handler);
      }
      start = claimed.nextId;
    } while (start !== '0-0' && !signal.aborted);
  }

  /** One delivery: dead-letter when over `maxAttempts`, else run the handler, then ack or keep its error. */
  async #handle(id: string, fields: Record<string, string>, deliveries: number, handler: EventHandler) {
    if (deliveries > this.#maxAttempts) {
      const lastError = await this.#redis.hGet(this.#errorsKey, id);
      return this.#deadLetter(
        id,
        fields,
        deliveries - 1,
        lastError ?? 'never acknowledged (consumer stopped)',
      );
    }
    let event: CanonicalEvent;
    try {
      event = eventOfEntry(this.#stream, id, fields);
    } catch (error) {
      return this.#deadLetter(id, fields, deliveries, messageOf(error));
    }
    try {
      await handler(event, { attempt: deliveries });
    } catch (error) {
      if (deliveries >= this.#maxAttempts) return this.#deadLetter(id, fields, deliveries, messageOf(error));
      await this.#redis.hSet(this.#errorsKey, id, messageOf(error));
      return;
    }
    await this.#redis.multi().xAck(this.#stream, this.#group, id).hDel(this.#errorsKey, id).exec();
  }

  async #deadLetter(id: string, fields: Record<string, string>, attempts: number, error: string) {
    await this.#deadLetters.move(
      { originalId: id, fields, group: this.#group, consumer: this.#consumer, attempts, error },
      this.#errorsKey,
    );
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
