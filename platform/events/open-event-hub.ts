import type { Logger } from '../logger.js';
import { connectRedis } from '../redis.js';
import { EventHub } from './event-hub.js';
import { EventLog } from './event-log.js';

export interface OpenedEventHub {
  hub: EventHub;
  /** Ends every subscription, then closes the Redis connections. */
  close(): Promise<void>;
}

/**
 * The event hub of a process that serves subscriptions, on its own Redis client (the hub duplicates it
 * for its blocking reader; replays use this one).
 */
export async function openEventHub(options: {
  url: string;
  logger: Logger;
  stream?: string;
}): Promise<OpenedEventHub> {
  const redis = await connectRedis({ url: options.url, logger: options.logger.child({ part: 'events' }) });
  const hub = new EventHub({
    log: new EventLog({ redis, ...(options.stream ? { stream: options.stream } : {}) }),
    redis,
    logger: options.logger.child({ part: 'event-hub' }),
  });
  return {
    hub,
    close: async () => {
      await hub.close();
      redis.destroy();
    },
  };
}
