import { invalidationTags } from '../../platform/cache/response-cache-tags.js';
import { EventError } from '../../platform/events/event-errors.js';
import type { EventHub } from '../../platform/events/event-hub.js';
import type { Logger } from '../../platform/logger.js';
import type { ResponseCacheStore } from './useResponseCacheStore.js';

export interface ResponseCacheInvalidation {
  /** Stops following the events. */
  close(): Promise<void>;
}

/**
 * Follows the live event stream and evicts the cached responses each event makes stale. Every gateway
 * does so, so each also discards what it computed before an event and would have stored after it (see
 * ResponseCacheStore.set). A follower that falls behind resumes after the last event it handled.
 */
export async function followResponseCacheInvalidation(options: {
  hub: EventHub;
  store: ResponseCacheStore;
  logger: Logger;
}): Promise<ResponseCacheInvalidation> {
  const { hub, store, logger } = options;
  let events = await hub.open({ filter: () => true });
  let stopped = false;
  const isLagging = (error: unknown) =>
    error instanceof EventError && error.code === 'EVENT_SUBSCRIBER_LAGGING';
  const run = async () => {
    let last: string | undefined;
    for (;;) {
      try {
        for await (const event of events) {
          last = event.id;
          const tags = invalidationTags(event);
          if (tags.length > 0) await store.invalidate(tags);
        }
        if (!stopped) logger.warn('the event stream ended: response cache off');
      } catch (error) {
        if (!stopped && isLagging(error)) {
          logger.warn({ after: last }, 'response cache invalidation fell behind; resuming');
          try {
            events = await hub.open({ filter: () => true, ...(last ? { after: last } : {}) });
            continue;
          } catch (reopenError) {
            logger.error({ err: reopenError }, 'response cache invalidation stopped: response cache off');
          }
        } else if (!stopped)
          logger.error({ err: error }, 'response cache invalidation stopped: response cache off');
      }
      // Without invalidation the cache could serve stale answers: bypass it from now on.
      store.close();
      return;
    }
  };
  const running = run();
  return {
    close: async () => {
      stopped = true;
      await events.return?.();
      await running;
    },
  };
}
