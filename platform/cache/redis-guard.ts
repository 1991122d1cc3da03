import type { Logger } from '../logger.js';
import type { RedisClient } from '../redis.js';

export interface RedisGuardOptions {
  redis: RedisClient;
  logger: Logger;
  /** A command slower than this counts as a failure. */
  timeoutMs: number;
  /** After a failure, calls skip Redis for this long; then one call tries again. */
  retryAfterMs: number;
}

/**
 * Runs cache commands so that a Redis outage costs nothing but the cache: a failed or slow command
 * answers `undefined` instead of throwing, and after one failure Redis is left alone for `retryAfterMs`
 * (every call answers `undefined` at once, without waiting on a timeout), then tried again. While the
 * client is disconnected, calls skip Redis too (the client refuses commands rather than queueing them).
 */
export class RedisGuard {
  readonly #options: RedisGuardOptions;
  #openUntil = 0;
  #down = false;

  constructor(options: RedisGuardOptions) {
    this.#options = options;
  }

  /** Whether the last command failed and Redis is being left alone. */
  get open(): boolean {
    return this.#down;
  }

  async run<T>(command: (redis: RedisClient) => Promise<T>): Promise<T | undefined> {
    const { redis, timeoutMs, logger } = this.#options;
    if (Date.now() < this.#openUntil || !redis.isReady) return undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([
        command(redis),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`Redis did not answer within ${timeoutMs} ms`)),
            timeoutMs,
          );
        }),
      ]);
      if (this.#down) logger.info('entity cache: Redis answers again, caching resumes');
      this.#down = false;
      return result;
    } catch (error) {
      if (!this.#down)
        logger.warn({ err: error }, 'entity cache: Redis failed, reading through to the source');
      this.#down = true;
      this.#openUntil = Date.now() + this.#options.retryAfterMs;
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}
