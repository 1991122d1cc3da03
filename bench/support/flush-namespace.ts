import type { RedisClient } from '../../platform/redis.js';

/** Deletes every key under `<namespace>:` (both caches of a benchmark run); answers how many. */
export async function flushNamespace(redis: RedisClient, namespace: string): Promise<number> {
  let deleted = 0;
  for await (const keys of redis.scanIterator({ MATCH: `${namespace}:*`, COUNT: 500 })) {
    if (keys.length > 0) deleted += await redis.unlink(keys);
  }
  return deleted;
}
