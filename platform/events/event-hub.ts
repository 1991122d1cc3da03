import type { Logger } from '../logger.js';
import type { RedisClient } from '../redis.js';
import type { CanonicalEvent } from './canonical-event.js';
import { openDedicatedConnection } from './dedicated-connection.js';
import { EventError } from './event-errors.js';
import type { EventLog } from './event-log.js';
import { compareIds, eventOfEntry, type StreamsReply } from './stream-entry.js';

export interface EventHubOptions {
  log: EventLog;
  /** The client the hub duplicates for its one blocking reader. */
  redis: RedisClient;
  logger: Logger;
  /** How long one blocking read waits before it is issued again. Default 5000 ms. */
  blockMs?: number;
  /** Entries taken per read. Default 500. */
  batchSize?: number;
  /**
   * Matching events a subscriber may have waiting before it is ended with EVENT_SUBSCRIBER_LAGGING (it
   * resumes with `after`). Bounds the memory one slow client can hold. Default 10,000.
   */
  maxQueue?: number;
  /** Wait after the reader's connection fails, before it reconnects. Default 1000 ms. */
  reconnectMs?: number;
}

export interface HubSubscription {
  /** Deliver events after this id still kept (`0`: all kept); omitted: live events from now on. */
  after?: string;
  /** Which events this subscriber wants; applied before queueing. */
  filter: (event: CanonicalEvent) => boolean;
  /**
   * The only subjects it can want, when it knows them (tracking numbers, order numbers): an index, so an
   * event is checked only against the subscribers of its subject, not against every subscriber. The
   * filter still applies.
   */
  subjects?: ReadonlySet<string>;
}

interface Listener {
  filter: (event: CanonicalEvent) => boolean;
  subjects: ReadonlySet<string> | null;
  queue: CanonicalEvent[];
  wake: (() => void) | null;
  lagging: boolean;
}

/**
 * One process's view of the live event log: a single blocking reader fans events out to every
 * subscriber in the process, so a thousand subscriptions cost one Redis connection and one read per batch
 * instead of a thousand. A subscriber that asks for `after` first replays the log from there with paged
 * reads, then continues with the live events it queued meanwhile, skipping those the replay already gave:
 * no gap, no duplicate at the seam. The reader reconnects after a failure and continues from the last id
 * it delivered, so subscribers see no gap either.
 */
export class EventHub {
  readonly #log: EventLog;
  readonly #redis: RedisClient;
  readonly #logger: Logger;
  readonly #blockMs: number;
  readonly #batchSize: number;
  readonly #maxQueue: number;
  readonly #reconnectMs: number;
  readonly #listeners = new Set<Listener>();
  /** Listeners without subjects, which see every event. */
  readonly #everything = new Set<Listener>();
  readonly #bySubject = new Map<string, Set<Listener>>();
  readonly #stopped = new AbortController();
  #started: Promise<void> | null = null;
  #reader: Promise<void> | null = null;
  #connection: RedisClient | null = null;

  constructor(options: EventHubOptions) {
    this.#log = options.log;
    this.#redis = options.redis;
    this.#logger = options.logger;
    this.#blockMs = options.blockMs ?? 5000;
    this.#batchSize = options.batchSize ?? 500;
    this.#maxQueue = options.maxQueue ?? 10_000;
    this.#reconnectMs = options.reconnectMs ?? 1000;
  }

  /** Subscribers in this process, for metrics. */
  get size(): number {
    return this.#listeners.size;
  }

  /**
   * Opens a subscription. Resolves once the cursor is checked and the replay's first page is read, so a
   * bad or expired `after` (EVENT_CURSOR_INVALID, EVENT_CURSOR_EXPIRED) rejects here rather than
   * mid-stream. The iterator's `return()` (a client that unsubscribes) ends it at once.
   */
  async open(options: HubSubscription): Promise<AsyncIterableIterator<CanonicalEvent>> {
    if (this.#stopped.signal.aborted)
      throw new EventError('EVENT_HUB_CLOSED', this.#log.stream, 'the event hub is closed');
    await this.#start();
    const listener: Listener = {
      filter: options.filter,
      subjects: options.subjects ?? null,
      queue: [],
      wake: null,
      lagging: false,
    };
    this.#add(listener);
    try {
      const firstPage =
        options.after === undefined
          ? null
          : await this.#log.readAfter(options.after, { count: this.#batchSize });
      return this.#iterate(listener, options, firstPage);
    } catch (error) {
      this.#remove(listener);
      throw error;
    }
  }

  #add(listener: Listener): void {
    this.#listeners.add(listener);
    if (listener.subjects === null) this.#everything.add(listener);
    else
      for (const subject of listener.subjects) {
        let listeners = this.#bySubject.get(subject);
        if (!listeners) this.#bySubject.set(subject, (listeners = new Set()));
        listeners.add(listener);
      }
  }

  #remove(listener: Listener): void {
    this.#listeners.delete(listener);
    this.#everything.delete(listener);
    for (const subject of listener.subjects ?? []) {
      const listeners = this.#bySubject.get(subject);
      listeners?.delete(listener);
      if (listeners?.size === 0) this.#bySubject.delete(subject);
    }
  }

  /** Stops the reader and ends every subscription. */
  async close(): Promise<void> {
    this.#stopped.abort();
    for (const listener of this.#listeners) listener.wake?.();
    if (this.#connection?.isOpen) this.#connection.destroy();
    await this.#reader;
  }

  #iterate(
    listener: Listener,
    options: HubSubscription,
    firstPage: CanonicalEvent[] | null,
  ): AsyncIterableIterator<CanonicalEvent> {
    const ended = new AbortController();
    const source = this.#events(listener, options, firstPage, ended.signal);
    const end = () => {
      ended.abort();
      this.#remove(listener);
      listener.wake?.();
    };
    return {
      next: () => source.next(),
      return: async () => {
        end();
        await source.return(undefined);
        return { done: true, value: undefined };
      },
      throw: async (error: unknown) => {
        end();
        return source.throw(error);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  async *#events(
    listener: Listener,
    options: HubSubscription,
    firstPage: CanonicalEvent[] | null,
    ended: AbortSignal,
  ): AsyncGenerator<CanonicalEvent, void, undefined> {
    try {
      let last: string | null = null;
      if (firstPage !== null) {
        last = options.after === '0' ? '0-0' : options.after!;
        for (let page = firstPage; ;) {
          for (const event of page) {
            last = event.id;
            if (options.filter(event)) yield event;
          }
          // A short page was the end of the log when read; what came after is in the live queue.
          if (page.length < this.#batchSize || ended.aborted) break;
          page = await this.#log.readAfter(last, { count: this.#batchSize });
        }
      }
      while (!ended.aborted && !this.#stopped.signal.aborted) {
        const event = listener.queue.shift();
        if (event === undefined) {
          if (listener.lagging)
            throw new EventError(
              'EVENT_SUBSCRIBER_LAGGING',
              this.#log.stream,
              `more than ${this.#maxQueue} events waited for this subscriber; resume with after: ${last ?? 'the last id received'}`,
            );
          await new Promise<void>((resolve) => (listener.wake = resolve));
          listener.wake = null;
          continue;
        }
        if (last !== null && compareIds(event.id, last) <= 0) continue;
        last = event.id;
        yield event;
      }
    } finally {
      this.#remove(listener);
    }
  }

  /** Starts the reader once: its cursor is set before any subscriber is registered. */
  #start(): Promise<void> {
    this.#started ??= this.#log.latestId().then((cursor) => {
      this.#reader = this.#read(cursor);
    });
    return this.#started;
  }

  async #read(from: string): Promise<void> {
    let cursor = from;
    const signal = this.#stopped.signal;
    while (!signal.aborted) {
      try {
        this.#connection = await openDedicatedConnection(this.#redis, `dg-events-hub:${this.#log.stream}`);
        if (signal.aborted) break;
        for (;;) {
          const reply = (await this.#connection.xRead(
            { key: this.#log.stream, id: cursor },
            { BLOCK: this.#blockMs, COUNT: this.#batchSize },
          )) as StreamsReply;
          for (const entry of reply?.[0]?.messages ?? []) {
            cursor = entry.id;
            this.#broadcast(entry.id, entry.message);
          }
        }
      } catch (error) {
        if (signal.aborted) break;
        this.#logger.warn({ err: error, stream: this.#log.stream }, 'event hub reader failed; reconnecting');
        if (this.#connection?.isOpen) this.#connection.destroy();
        await new Promise((resolve) => setTimeout(resolve, this.#reconnectMs));
      }
    }
    if (this.#connection?.isOpen) this.#connection.destroy();
  }

  #broadcast(id: string, fields: Record<string, string>): void {
    if (this.#listeners.size === 0) return;
    let event: CanonicalEvent;
    try {
      event = eventOfEntry(this.#log.stream, id, fields);
    } catch (error) {
      this.#logger.warn({ err: error, id }, 'skipping a malformed event');
      return;
    }
    for (const listener of this.#everything) this.#offer(listener, event);
    for (const listener of this.#bySubject.get(event.subject) ?? []) this.#offer(listener, event);
  }

  #offer(listener: Listener, event: CanonicalEvent): void {
    if (listener.lagging || !listener.filter(event)) return;
    if (listener.queue.length >= this.#maxQueue) listener.lagging = true;
    else listener.queue.push(event);
    listener.wake?.();
  }
}
