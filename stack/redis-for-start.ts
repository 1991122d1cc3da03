import type { Logger } from '../platform/logger.js';
import { startPrivateRedis } from './private-redis.js';

export interface StartRedis {
  /** The Redis to use, or null: in-memory stand-ins. */
  url: string | null;
  /** For the start-up banner. */
  description: string;
  /** Stops the private redis-server, when one was started. */
  close(): Promise<void>;
}

const NO_REDIS_WARNING =
  'no Redis: REDIS_URL is unset and no redis-server is installed, so API keys, rate limits and the ' +
  'audit trail live in this process only and are lost when it stops (streams, queues and everything ' +
  'durable need Redis: install redis-server, e.g. `apt-get install redis-server`, or set REDIS_URL)';

/**
 * The Redis of `npm start`, as DESIGN.md lays it out: REDIS_URL when set; otherwise a private
 * `redis-server` on a free port when one is installed; otherwise none, with a clear warning.
 */
export async function redisForStart(url: string | undefined, logger: Logger): Promise<StartRedis> {
  if (url)
    return { url, description: `${url.replace(/\/\/[^@]*@/, '//***@')} (REDIS_URL)`, close: async () => {} };
  const privateRedis = await startPrivateRedis(logger);
  if (privateRedis)
    return {
      url: privateRedis.url,
      description: `${privateRedis.url} (private redis-server, pid ${privateRedis.pid}, nothing persisted)`,
      close: () => privateRedis.stop(),
    };
  logger.warn(NO_REDIS_WARNING);
  return {
    url: null,
    description: 'none: in-memory stand-ins (see the warning above)',
    close: async () => {},
  };
}
