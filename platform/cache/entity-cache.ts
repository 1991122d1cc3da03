import type { Logger } from '../logger.js';
import type { RedisClient } from '../redis.js';
import { currentCallBudget } from './call-budget.js';
import { generationKey, valueKey, type CacheEntryRef } from './cache-keys.js';
import {
  cacheTypes,
  entityCacheConfigSchema,
  resolvePolicies,
  type CachePolicy,
  type CacheType,
  type EntityCacheConfig,
} from './cache-policy.js';
import { EVICT_SCRIPT, WRITE_IF_GENERATION_SCRIPT } from './cache-scripts.js';
import { RedisGuard } from './redis-guard.js';

/** One load through the cache: what to read on a miss, and who may see a cached value. */
export interface CacheLoad<T> {
  type: CacheType;
  /**
   * Who asks (e.g. `tenant:42`), for single-flight: loads of different scopes never share a fetch,
   * since a scoped fetch answers only what that scope may see. Default '' (unscoped).
   */
  scope?: string;
  /** Reads the keys from the source, within the caller's scope; a key left out of the answer is null. */
  fetch(keys: readonly string[]): Promise<ReadonlyMap<string, T>>;
  /**
   * Check of a cached value: row-level, whether this caller may see it, or whether it has the shape
   * this code reads. A value it refuses is not served: the key is fetched through `fetch` (in the
   * caller's scope) instead. Default: every value is visible.
   */
  visible?(value: T): boolean;
}

/** Counters of one type, since start. */
export interface CacheTypeStats {
  hits: number;
  /** Hits on an entry past its time, served while one refresh runs (included in `hits`). */
  staleHits: number;
  misses: number;
  /** Loads that joined a fetch already under way for the same key and scope. */
  coalesced: number;
}

export interface EntityCacheOptions extends EntityCacheConfig {
  redis: RedisClient;
  logger: Logger;
}

interface Envelope<T> {
  /** When it was stored (ms since the epoch). */
  t: number;
  v: T;
}

interface Outcome<T> {
  value: T | null;
  /** An eviction happened while the value was being read: a caller that only joined must read again. */
  tainted: boolean;
}

interface Owned<T> {
  key: string;
  settle(outcome: Outcome<T>): void;
  fail(error: unknown): void;
}

/**
 * Entities in Redis under the subgraphs' loaders: JSON values at `<namespace>:<type>:<key>` with a time
 * limit per type, one fetch per key and scope at a time in this process (single-flight), catalogue
 * entries served stale while one refresh runs, and every Redis failure answered from the source
 * (see RedisGuard). Evictions bump a generation that a read checks before writing back what it got.
 */
export class EntityCache {
  readonly namespace: string;
  readonly #policies: Record<CacheType, CachePolicy>;
  readonly #guard: RedisGuard;
  readonly #redis: RedisClient;
  readonly #logger: Logger;
  readonly #generationTtlMs: number;
  readonly #flights = new Map<string, Promise<Outcome<unknown>>>();
  readonly #refreshing = new Set<string>();
  readonly #stats = new Map<CacheType, CacheTypeStats>(
    cacheTypes.map((type) => [type, { hits: 0, staleHits: 0, misses: 0, coalesced: 0 }]),
  );

  constructor(options: EntityCacheOptions) {
    const { redis, logger, ...rest } = options;
    const config = entityCacheConfigSchema.parse(rest);
    this.namespace = config.namespace;
    this.#policies = resolvePolicies(config.policies);
    this.#redis = redis;
    this.#logger = logger;
    this.#generationTtlMs = config.generationTtlMs;
    this.#guard = new RedisGuard({
      redis,
      logger,
      timeoutMs: config.redisTimeoutMs,
      retryAfterMs: config.retryAfterMs,
    });
  }

  policy(type: CacheType): Readonly<CachePolicy> {
    return this.#policies[type];
  }

  /** Hits, misses and coalesced loads per type since start (for metrics). */
  stats(): Record<CacheType, CacheTypeStats> {
    return Object.fromEntries([...this.#stats].map(([type, s]) => [type, { ...s }])) as Record<
      CacheType,
      CacheTypeStats
    >;
  }

  /** The values of `keys`, in order (null where the source has none the caller may see). */
  load<T>(spec: CacheLoad<T>, keys: readonly string[]): Promise<(T | null)[]> {
    const owned: Owned<T>[] = [];
    const answers = keys.map((key) => {
      const id = this.#flightId(spec, key);
      const joined = this.#flights.get(id) as Promise<Outcome<T>> | undefined;
      if (joined) {
        this.#count(spec.type, 'coalesced');
        return joined.then(async (outcome) =>
          outcome.tainted ? ((await this.load(spec, [key]))[0] ?? null) : outcome.value,
        );
      }
      let settle!: (outcome: Outcome<T>) => void;
      let fail!: (error: unknown) => void;
      const flight = new Promise<Outcome<T>>((resolve, reject) => {
        settle = (outcome) => {
          this.#flights.delete(id);
          resolve(outcome);
        };
        fail = (error) => {
          this.#flights.delete(id);
          reject(error instanceof Error ? error : new Error(String(error)));
        };
      });
      // Joiners handle their own rejection; the owner's is handled through `answers`.
      flight.catch(() => undefined);
      this.#flights.set(id, flight);
      owned.push({ key, settle, fail });
      return flight.then((outcome) => outcome.value);
    });
    if (owned.length > 0) void this.#run(spec, owned);
    return Promise.all(answers);
  }

  /**
   * Evicts entries now, in Redis, for every process: deletes them and bumps their generations. Unlike
   * reads, this throws when Redis fails: an event must not be delivered while its entries may stay.
   */
  async evict(refs: readonly CacheEntryRef[]): Promise<void> {
    if (refs.length === 0) return;
    await this.#redis.eval(EVICT_SCRIPT, {
      keys: refs.flatMap((ref) => [valueKey(this.namespace, ref), generationKey(this.namespace, ref)]),
      arguments: [String(this.#generationTtlMs)],
    });
  }

  async #run<T>(spec: CacheLoad<T>, owned: Owned<T>[]): Promise<void> {
    const refs = owned.map(({ key }): CacheEntryRef => ({ type: spec.type, key }));
    const read = await this.#guard.run((redis) =>
      redis.mGet([
        ...refs.map((ref) => valueKey(this.namespace, ref)),
        ...refs.map((ref) => generationKey(this.namespace, ref)),
      ]),
    );
    const generations = new Map<string, string>();
    const misses: Owned<T>[] = [];
    owned.forEach((entry, index) => {
      if (read) generations.set(entry.key, read[owned.length + index] ?? '');
      const cached = this.#parse<T>(read?.[index] ?? null);
      if (cached === null || !(spec.visible?.(cached.v) ?? true)) {
        misses.push(entry);
        return;
      }
      const stale = Date.now() - cached.t > this.#policies[spec.type].ttlMs;
      this.#count(spec.type, 'hits');
      if (stale) {
        this.#count(spec.type, 'staleHits');
        this.#revalidate(spec, entry.key, generations);
      }
      entry.settle({ value: cached.v, tainted: false });
    });
    if (misses.length === 0) return;
    for (const _ of misses) this.#count(spec.type, 'misses');
    let found: ReadonlyMap<string, T>;
    try {
      found = await spec.fetch(misses.map(({ key }) => key));
    } catch (error) {
      for (const miss of misses) miss.fail(error);
      return;
    }
    const written = read ? await this.#write(spec.type, found, generations) : undefined;
    for (const miss of misses)
      miss.settle({ value: found.get(miss.key) ?? null, tainted: written?.get(miss.key) === false });
  }

  /** Refreshes one stale entry in the background, once at a time per key in this process. */
  #revalidate<T>(spec: CacheLoad<T>, key: string, generations: ReadonlyMap<string, string>): void {
    const id = this.#flightId(spec, key);
    if (this.#refreshing.has(id)) return;
    this.#refreshing.add(id);
    void spec
      .fetch([key])
      .then((found) => this.#write(spec.type, found, generations))
      .catch((error: unknown) =>
        this.#logger.warn({ err: error, type: spec.type, key }, 'cache refresh failed'),
      )
      .finally(() => this.#refreshing.delete(id));
  }

  /** Writes `found` back where the generation is still the one read; which keys were written. */
  async #write<T>(
    type: CacheType,
    found: ReadonlyMap<string, T>,
    generations: ReadonlyMap<string, string>,
  ): Promise<Map<string, boolean> | undefined> {
    const entries = [...found].filter(([key]) => generations.has(key));
    if (entries.length === 0) return new Map();
    const { ttlMs, staleMs } = this.#policies[type];
    const now = Date.now();
    const reply = (await this.#guard.run((redis) =>
      redis.eval(WRITE_IF_GENERATION_SCRIPT, {
        keys: entries.flatMap(([key]) => [
          valueKey(this.namespace, { type, key }),
          generationKey(this.namespace, { type, key }),
        ]),
        arguments: [
          String(ttlMs + staleMs),
          ...entries.flatMap(([key, value]) => [
            generations.get(key) ?? '',
            JSON.stringify({ t: now, v: value } satisfies Envelope<T>),
          ]),
        ],
      }),
    )) as number[] | undefined;
    return reply && new Map(entries.map(([key], index) => [key, reply[index] === 1]));
  }

  #parse<T>(raw: string | null): Envelope<T> | null {
    if (raw === null) return null;
    try {
      return JSON.parse(raw) as Envelope<T>;
    } catch {
      return null;
    }
  }

  #flightId(spec: CacheLoad<unknown>, key: string): string {
    return `${spec.type}\u0000${spec.scope ?? ''}\u0000${key}`;
  }

  #count(type: CacheType, counter: keyof CacheTypeStats): void {
    this.#stats.get(type)![counter] += 1;
    const budget = currentCallBudget();
    if (!budget || counter === 'staleHits') return;
    if (counter === 'hits') budget.cacheHits += 1;
    else budget.cacheMisses += 1;
  }
}
