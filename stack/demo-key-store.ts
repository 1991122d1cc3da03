import { DEMO_API_KEYS, type DemoPartner } from '../gateway/auth/demo-api-keys.js';
import type { ApiKeyStore } from '../platform/auth/api-key-store.js';
import { InMemoryApiKeyStore } from '../platform/auth/in-memory-api-key-store.js';
import { RedisApiKeyStore } from '../platform/auth/redis-api-key-store.js';
import type { Logger } from '../platform/logger.js';
import { connectRedis } from '../platform/redis.js';

/** Where the embedded stack keeps its API keys (see EmbeddedStackOptions.apiKeys). */
export type DemoKeyStoreOptions = { redisUrl?: string; namespace?: string } | { store: ApiKeyStore };

/**
 * The one key store of the embedded stack, with the demo keys in it: in Redis (seeded idempotently, so
 * keys created earlier survive a restart) when a URL is given, else in memory.
 */
export async function openDemoKeyStore(
  options: DemoKeyStoreOptions | undefined,
  partners: readonly DemoPartner[],
  logger: Logger,
): Promise<{ store: ApiKeyStore; close(): Promise<void> }> {
  if (options && 'store' in options) return { store: options.store, close: () => Promise.resolve() };
  const demo = DEMO_API_KEYS({ internal: true, partners });
  if (!options?.redisUrl) return { store: new InMemoryApiKeyStore(demo), close: () => Promise.resolve() };
  const redis = await connectRedis({ url: options.redisUrl, logger: logger.child({ part: 'redis' }) });
  const store = new RedisApiKeyStore({ redis, namespace: options.namespace });
  try {
    await store.seed(demo);
  } catch (error) {
    redis.destroy();
    throw error;
  }
  return { store, close: () => Promise.resolve(redis.destroy()) };
}
