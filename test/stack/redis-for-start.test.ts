/**
 * `npm start` without REDIS_URL: a private redis-server on a free loopback port that really answers and
 * is gone after close; with REDIS_URL, that URL and nothing started.
 */
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createLogger } from '../../platform/logger.js';
import { connectRedis } from '../../platform/redis.js';
import { redisForStart } from '../../stack/redis-for-start.js';

const logger = createLogger({ name: 'redis-for-start-test', level: 'silent' });

const hasRedisServer = (() => {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('redisForStart', () => {
  it('uses REDIS_URL when it is set, starting nothing', async () => {
    const redis = await redisForStart('redis://127.0.0.1:6399', logger);
    expect(redis.url).toBe('redis://127.0.0.1:6399');
    expect(redis.description).toContain('(REDIS_URL)');
    await redis.close();
  });

  it('hides a password in the description', async () => {
    const redis = await redisForStart('redis://user:s3cret@127.0.0.1:6399', logger);
    expect(redis.description).not.toContain('s3cret');
  });

  (hasRedisServer ? it : it.skip)(
    'starts a private redis-server that answers, and stops it by its PID on close',
    async () => {
      const redis = await redisForStart(undefined, logger);
      expect(redis.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
      const pid = Number(/pid (\d+)/.exec(redis.description)?.[1]);
      expect(alive(pid)).toBe(true);
      const client = await connectRedis({ url: redis.url!, logger });
      try {
        await client.set('dg:test', 'ok');
        expect(await client.get('dg:test')).toBe('ok');
      } finally {
        client.destroy();
      }
      await redis.close();
      expect(alive(pid)).toBe(false);
    },
  );
});
