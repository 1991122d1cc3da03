import { randomUUID } from 'node:crypto';
import { createLogger } from '../../../platform/logger.js';
import { connectRedis, type RedisClient } from '../../../platform/redis.js';
import type { NewEvent } from '../../../platform/events/canonical-event.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const logger = createLogger({ name: 'events-test', level: 'silent' });

export const connect = (): Promise<RedisClient> => connectRedis({ url: REDIS_URL, logger });

/** A stream key of its own for one test. */
export const uniqueStream = (): string => `test-events-${randomUUID()}`;

/** Deletes the stream and every key derived from it (dedup keys, dead letters, errors). */
export async function deleteStream(redis: RedisClient, stream: string): Promise<void> {
  const keys: string[] = [stream];
  for await (const batch of redis.scanIterator({ MATCH: `${stream}:*`, COUNT: 1000 })) keys.push(...batch);
  await redis.del(keys);
}

export function stockEvent(n: number): NewEvent {
  return {
    type: 'stock.changed',
    source: 'wms',
    subject: `SKU-${n}@WH1`,
    time: '2026-01-02T03:04:05.000Z',
    tenantPartnerId: null,
    data: { sku: `SKU-${n}`, warehouseCode: 'WH1', available: n },
  };
}

/** Resolves once `check` holds, polling every 10 ms; rejects after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Whether a connection named `name` is open on the server. */
export async function hasClientNamed(redis: RedisClient, name: string): Promise<boolean> {
  const list = await redis.sendCommand<string>(['CLIENT', 'LIST']);
  return list.split('\n').some((line) => line.includes(` name=${name} `));
}
