import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { EventHub } from '../../platform/events/event-hub.js';
import { EventLog } from '../../platform/events/event-log.js';
import type { Logger } from '../../platform/logger.js';
import type { RedisClient } from '../../platform/redis.js';
import type { DgContext } from '../gateway-context.js';
import { useResponseCache } from './useResponseCache.js';
import { followResponseCacheInvalidation } from './useResponseCacheInvalidation.js';
import { ResponseCacheStore } from './useResponseCacheStore.js';

/** The gateway's response cache settings; see useResponseCache.ts and README "Response cache". */
export interface ResponseCacheSettings {
  /** Where responses live. Required. */
  redis: RedisClient;
  /** Prefix of its keys. Default `dg` (keys under `dg:response-cache:`). */
  namespace?: string;
  /** Seconds per type over the defaults (useResponseCacheTtls.ts); 0: never cached. */
  ttls?: Readonly<Record<string, number>>;
  /** Seconds for responses holding no listed type. Default 60. */
  defaultTtl?: number;
  /**
   * The event stream whose events evict cached responses. Default `dg:events`; null: none, responses
   * then live their whole TTL whatever happens (tests and benchmarks only).
   */
  eventStream?: string | null;
}

export interface OpenedResponseCache {
  plugins: GatewayPlugin<DgContext>[];
  close(): Promise<void>;
}

/** The response cache's plugins, its store and the follower of the event stream that invalidates it. */
export async function openResponseCache(
  settings: ResponseCacheSettings,
  logger: Logger,
): Promise<OpenedResponseCache> {
  const store = new ResponseCacheStore({
    redis: settings.redis,
    logger: logger.child({ part: 'response-cache' }),
    namespace: settings.namespace,
  });
  const stream = settings.eventStream === undefined ? 'dg:events' : settings.eventStream;
  const hub =
    stream === null
      ? null
      : new EventHub({
          log: new EventLog({ redis: settings.redis, stream }),
          redis: settings.redis,
          logger: logger.child({ part: 'response-cache-events' }),
        });
  const invalidation = hub
    ? await followResponseCacheInvalidation({ hub, store, logger: logger.child({ part: 'response-cache' }) })
    : null;
  return {
    plugins: useResponseCache({ store, ttls: settings.ttls, defaultTtl: settings.defaultTtl }),
    close: async () => {
      await invalidation?.close();
      await hub?.close();
      store.close();
    },
  };
}
