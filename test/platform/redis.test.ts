import { describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import { createLogger } from '../../platform/logger.js';
import { connectRedis } from '../../platform/redis.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = createLogger({ name: 'redis-test', level: 'silent' });

/** A loopback port that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('connectRedis', () => {
  it('fails fast when Redis is unreachable at start, instead of retrying forever', async () => {
    const port = await closedPort();
    const started = Date.now();
    await expect(
      connectRedis({ url: `redis://:hunter2@127.0.0.1:${port}`, logger, connectTimeoutMs: 1000 }),
    ).rejects.toThrow(`Redis at redis://:***@127.0.0.1:${port} is unreachable`);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('connects to a reachable Redis', async () => {
    const redis = await connectRedis({ url: REDIS_URL, logger });
    try {
      await expect(redis.ping()).resolves.toBe('PONG');
    } finally {
      redis.destroy();
    }
  });
});
