import type { RedisClient } from '../redis.js';

/** Where the gateway's cached responses live: `<namespace>:response-cache:` (`r:<key>`, tag sets `t:<tag>`). */
export function responseCachePrefix(namespace = 'dg'): string {
  return `${namespace}:response-cache:`;
}

/**
 * Deletes every response a tag names, and the tag, in one step, so a response stored meanwhile is either
 * deleted now or tagged afresh for the next invalidation. KEYS: tag sets; ARGV[1]: the response prefix.
 */
const EVICT_SCRIPT = `
local deleted = 0
for _, tag in ipairs(KEYS) do
  for _, id in ipairs(redis.call('SMEMBERS', tag)) do
    deleted = deleted + redis.call('UNLINK', ARGV[1] .. id)
  end
  redis.call('UNLINK', tag)
end
return deleted
`;

/**
 * Evicts the cached responses named by `tags` (see response-cache-tags.ts). Used by the gateway as it
 * follows events, and by producers before they append an event, so no one is told of a change while a
 * response hiding it is still cached. Rejects when Redis does.
 */
export async function evictResponseTags(
  redis: RedisClient,
  namespace: string | undefined,
  tags: readonly string[],
): Promise<void> {
  if (tags.length === 0) return;
  const prefix = responseCachePrefix(namespace);
  await redis.eval(EVICT_SCRIPT, {
    keys: tags.map((tag) => `${prefix}t:${tag}`),
    arguments: [`${prefix}r:`],
  });
}
