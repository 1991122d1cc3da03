import { createClient } from 'redis';
import type { Logger } from './logger.js';

export type RedisClient = ReturnType<typeof createClient>;

/** Options for {@link connectRedis}. */
export interface ConnectRedisOptions {
  /** e.g. `redis://127.0.0.1:6379`. */
  url: string;
  logger: Logger;
  /** Give up connecting after this long. Default 5000 ms. */
  connectTimeoutMs?: number;
}

/**
 * A connected Redis client, or a thrown error: a Redis that cannot be reached at start fails the start,
 * never degrades silently. Later disconnections are logged and the client reconnects with backoff;
 * commands issued meanwhile fail rather than queue forever.
 */
export async function connectRedis(options: ConnectRedisOptions): Promise<RedisClient> {
  const client = createClient({
    url: options.url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: options.connectTimeoutMs ?? 5000,
      reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2000),
    },
  });
  client.on('error', (error: unknown) => options.logger.warn({ err: error }, 'redis connection error'));
  await client.connect();
  return client;
}
