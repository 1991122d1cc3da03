import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../redis.js';
import { keepAlive } from './keep-alive.js';

/** Deletes KEYS[1] only while it holds ARGV[1]: never another holder's lock. */
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** Extends KEYS[1] by ARGV[2] ms while it holds ARGV[1]. */
const RENEW_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

export interface RedisLockOptions {
  /** Lifetime without renewal; renewed every third of it while the work runs. */
  ttlMs: number;
  /** How long to wait for a lock someone else holds. */
  waitMs: number;
}

const POLL_MS = 25;

/**
 * Runs `work` holding a Redis lock (SET NX PX with a token), waiting up to `waitMs` for it. The lock is
 * renewed while the work runs and expires `ttlMs` after a crashed holder's last renewal.
 */
export async function withRedisLock<T>(
  redis: RedisClient,
  key: string,
  options: RedisLockOptions,
  work: () => Promise<T>,
): Promise<{ locked: false } | { locked: true; value: T }> {
  const token = randomUUID();
  const deadline = Date.now() + options.waitMs;
  while ((await redis.set(key, token, { NX: true, PX: options.ttlMs })) !== 'OK') {
    if (Date.now() >= deadline) return { locked: false };
    await new Promise((resolve) => setTimeout(resolve, POLL_MS + Math.floor(Math.random() * POLL_MS)));
  }
  const stop = keepAlive(
    async () =>
      (await redis.eval(RENEW_SCRIPT, { keys: [key], arguments: [token, String(options.ttlMs)] })) === 1,
    Math.max(100, Math.floor(options.ttlMs / 3)),
    () => undefined,
  );
  try {
    return { locked: true, value: await work() };
  } finally {
    stop();
    await redis.eval(RELEASE_SCRIPT, { keys: [key], arguments: [token] }).catch(() => undefined);
  }
}
