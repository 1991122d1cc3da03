import { EventError } from '../events/event-errors.js';
import { EventLog, type AppendOptions, type EventLogOptions } from '../events/event-log.js';
import type { NewEvent } from '../events/canonical-event.js';
import type { RedisClient } from '../redis.js';
import type { EntityCache } from './entity-cache.js';
import { entriesAffectedBy } from './entries-affected-by.js';
import { evictResponseTags } from './response-cache-eviction.js';
import { invalidationTags } from './response-cache-tags.js';

export interface InvalidatingEventLogOptions extends EventLogOptions {
  /** Where the entries live (only its namespace and Redis are used: eviction needs no policy). */
  cache: Pick<EntityCache, 'evict'>;
  /**
   * The gateway's response cache (its Redis and namespace), whose responses the event makes stale are
   * evicted too. Without it only the entity cache is; the gateways still evict as they read the event,
   * a moment later.
   */
  responseCache?: { redis: RedisClient; namespace?: string };
}

/**
 * The event log, evicting the cache entries an event makes stale before appending it. Subscribers,
 * partner webhooks and every other consumer read the stream, so none can see the event while one of
 * its entries is still cached; a read that asked Odoo before the change cannot write its answer back
 * afterwards either (the eviction bumps the entry's generation, checked on write-back). A failed
 * eviction fails the append (EVENT_APPEND_FAILED), so the producer retries rather than announcing a
 * change the cache may still hide. A duplicate append evicts too: harmless, and never stale.
 */
export class InvalidatingEventLog extends EventLog {
  readonly #cache: Pick<EntityCache, 'evict'>;
  readonly #responseCache: InvalidatingEventLogOptions['responseCache'];

  constructor(options: InvalidatingEventLogOptions) {
    const { cache, responseCache, ...log } = options;
    super(log);
    this.#cache = cache;
    this.#responseCache = responseCache;
  }

  override async append(
    event: NewEvent,
    options: AppendOptions,
  ): Promise<{ id: string; duplicate: boolean }> {
    try {
      await this.#cache.evict(entriesAffectedBy(event));
      if (this.#responseCache)
        await evictResponseTags(
          this.#responseCache.redis,
          this.#responseCache.namespace,
          invalidationTags(event),
        );
    } catch (error) {
      throw new EventError(
        'EVENT_APPEND_FAILED',
        this.stream,
        'the cache entries the event affects were not evicted',
        {
          cause: error,
        },
      );
    }
    return super.append(event, options);
  }
}
