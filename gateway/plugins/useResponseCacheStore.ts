import type { ExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Logger } from '../../platform/logger.js';
import type { RedisClient } from '../../platform/redis.js';
import { evictResponseTags, responseCachePrefix } from '../../platform/cache/response-cache-eviction.js';

export interface ResponseCacheStoreOptions {
  /** Where cached responses and their tags live. Required. */
  redis: RedisClient;
  logger: Logger;
  /** Prefix of every key. Default `dg`; keys live under `<namespace>:response-cache:`. */
  namespace?: string;
  /**
   * How long a tag's set of responses lives after its last addition (never less than the response's
   * TTL). Default 300,000 ms (5 minutes).
   */
  tagTtlMs?: number;
  /** A Redis command slower than this counts as failed. Default 250 ms. */
  timeoutMs?: number;
  /**
   * How long this process remembers that a tag was invalidated, so that a response computed before the
   * invalidation is not stored after it: the longest an operation may run. Default 60,000 ms.
   */
  raceWindowMs?: number;
}

const RETRY_MS = [100, 250, 500, 1000, 2000, 5000];

/**
 * Cached GraphQL responses in Redis, each under its cache key with its TTL, and one set per tag (an
 * entity such as `Order:S00042`, or a list such as `Query.orders@7`) naming the responses that hold it.
 *
 * It fails open and never stale: a Redis that is down or slow makes every lookup a miss and every write a
 * no-op (logged once per outage), so the gateway answers from the subgraphs. An invalidation that cannot
 * reach Redis is kept and retried with backoff, and until it is applied the cache is neither read nor
 * written. A response whose computation began before one of its tags was invalidated is not stored.
 */
export class ResponseCacheStore {
  readonly #redis: RedisClient;
  readonly #logger: Logger;
  readonly #namespace: string | undefined;
  readonly #responses: string;
  readonly #tags: string;
  readonly #tagTtlMs: number;
  readonly #invalidatedAt: LRUCache<string, number>;
  /** Tags whose invalidation has not reached Redis yet. */
  readonly #backlog = new Set<string>();
  #retry: { timer: NodeJS.Timeout; attempt: number } | null = null;
  #failing = false;
  #closed = false;

  constructor(options: ResponseCacheStoreOptions) {
    this.#redis = options.redis.withCommandOptions({ timeout: options.timeoutMs ?? 250 });
    this.#logger = options.logger;
    this.#namespace = options.namespace;
    const prefix = responseCachePrefix(options.namespace);
    this.#responses = `${prefix}r:`;
    this.#tags = `${prefix}t:`;
    this.#tagTtlMs = options.tagTtlMs ?? 300_000;
    this.#invalidatedAt = new LRUCache({ max: 100_000, ttl: options.raceWindowMs ?? 60_000 });
  }

  /** Whether the cache is in use: false while an invalidation waits for Redis. */
  get usable(): boolean {
    return this.#backlog.size === 0 && !this.#closed;
  }

  /** The cached response, or null on a miss, while unusable, or when Redis cannot answer. */
  async get(key: string): Promise<ExecutionResult | null> {
    if (!this.usable) return null;
    try {
      const text = await this.#redis.get(this.#responses + key);
      this.#recovered();
      return text === null ? null : (JSON.parse(text) as ExecutionResult);
    } catch (error) {
      this.#failed(error);
      return null;
    }
  }

  /**
   * Stores `result` for `ttlMs` under `key`, named by each of `tags`, unless one of them was invalidated
   * since `startedAt` (a `performance.now()` time). A failure is logged, never thrown.
   */
  async set(
    key: string,
    result: ExecutionResult,
    tags: readonly string[],
    ttlMs: number,
    startedAt: number,
  ): Promise<boolean> {
    if (!this.usable || tags.some((tag) => (this.#invalidatedAt.get(tag) ?? -Infinity) >= startedAt))
      return false;
    try {
      const multi = this.#redis.multi().set(this.#responses + key, JSON.stringify(result), { PX: ttlMs });
      const tagTtl = Math.max(this.#tagTtlMs, ttlMs);
      for (const tag of tags) multi.sAdd(this.#tags + tag, key).pExpire(this.#tags + tag, tagTtl);
      await multi.exec();
      this.#recovered();
      return true;
    } catch (error) {
      this.#failed(error);
      return false;
    }
  }

  /**
   * Deletes every response named by any of `tags`. Never rejects: what cannot reach Redis now is retried
   * until it does (or the store is closed), and the cache is bypassed meanwhile.
   */
  async invalidate(tags: Iterable<string>): Promise<void> {
    const now = performance.now();
    for (const tag of tags) {
      this.#invalidatedAt.set(tag, now);
      this.#backlog.add(tag);
    }
    if (this.#retry === null) await this.#flush();
  }

  /** Stops retrying; the cache is bypassed from now on. */
  close(): void {
    this.#closed = true;
    if (this.#retry) clearTimeout(this.#retry.timer);
    this.#retry = null;
  }

  async #flush(): Promise<void> {
    if (this.#backlog.size === 0 || this.#closed) return;
    const tags = [...this.#backlog];
    try {
      await evictResponseTags(this.#redis, this.#namespace, tags);
      for (const tag of tags) this.#backlog.delete(tag);
      this.#retry = null;
      this.#recovered();
    } catch (error) {
      this.#failed(error);
      const attempt = (this.#retry?.attempt ?? -1) + 1;
      const delay = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]!;
      const timer = setTimeout(() => void this.#flush(), delay);
      timer.unref();
      this.#retry = { timer, attempt };
    }
  }

  #failed(error: unknown): void {
    if (this.#failing) return;
    this.#failing = true;
    this.#logger.warn({ err: error }, 'response cache unavailable: answering without it');
  }

  #recovered(): void {
    if (!this.#failing) return;
    this.#failing = false;
    this.#logger.info('response cache available again');
  }
}
