import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../../platform/redis.js';

/** Deletes KEYS[1] only while it still holds ARGV[1] (our token): never another holder's lock. */
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * A Redis lock (SET NX PX) so that two processes never reconcile at once. It expires after `ttlMs`, so a
 * crashed holder frees it; a pass must finish well within that time.
 */
export async function withLock<T>(
  redis: RedisClient,
  key: string,
  ttlMs: number,
  work: () => Promise<T>,
): Promise<{ locked: false } | { locked: true; value: T }> {
  const token = randomUUID();
  const acquired = await redis.set(key, token, { NX: true, PX: ttlMs });
  if (acquired !== 'OK') return { locked: false };
  try {
    return { locked: true, value: await work() };
  } finally {
    await redis.eval(RELEASE_SCRIPT, { keys: [key], arguments: [token] });
  }
}
