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

/** The URL without its password, for messages and logs. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/**
 * A connected Redis client, or a thrown error: a Redis that cannot be reached at start fails the start,
 * never degrades silently. (node-redis retries the first connection forever unless the reconnect strategy
 * answers an Error, so until the first `ready` it does.) Later disconnections are logged and the client
 * reconnects with backoff; commands issued meanwhile fail rather than queue forever.
 */
export async function connectRedis(options: ConnectRedisOptions): Promise<RedisClient> {
  let ready = false;
  const where = redact(options.url);
  const client = createClient({
    url: options.url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: options.connectTimeoutMs ?? 5000,
      reconnectStrategy: (retries, cause) =>
        ready ? Math.min(50 * 2 ** retries, 2000) : new Error(`Redis at ${where} is unreachable`, { cause }),
    },
  });
  client.on('error', (error: unknown) => {
    if (ready) options.logger.warn({ err: error }, 'redis connection error');
  });
  client.on('ready', () => {
    ready = true;
  });
  await client.connect();
  return client;
}
