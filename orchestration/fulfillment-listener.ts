import { EventConsumer } from '../platform/events/event-consumer.js';
import { eventDataOf } from '../platform/events/event-data.js';
import type { EventLog } from '../platform/events/event-log.js';
import type { Logger } from '../platform/logger.js';
import type { OrchestrationStore } from '../platform/orchestration/orchestration-store.js';
import type { RedisClient } from '../platform/redis.js';
import type { OrchestrationQueue } from '../platform/orchestration/orchestration-queue.js';

export interface FulfillmentListenerOptions {
  redis: RedisClient;
  log: EventLog;
  store: OrchestrationStore;
  queue: OrchestrationQueue;
  /** This process's name in the `orchestration` consumer group. */
  consumer: string;
  /** Entries a dead consumer held are taken over after this long. Default 30,000 ms. */
  claimIdleMs?: number;
  logger: Logger;
}

/** The consumer group that reads the log for the orchestration. */
export const ORCHESTRATION_GROUP = 'orchestration';

/**
 * Wakes a waiting step when the WMS reports progress (`fulfillment.updated`, from its webhooks or the
 * reconciler). The step itself reads the WMS again, so the event is only a hint: a lost one costs at
 * most the poll interval, a duplicate nothing.
 */
export function runFulfillmentListener(
  options: FulfillmentListenerOptions,
  signal: AbortSignal,
): Promise<void> {
  const consumer = new EventConsumer({
    redis: options.redis,
    log: options.log,
    group: ORCHESTRATION_GROUP,
    consumer: options.consumer,
    ...(options.claimIdleMs ? { claimIdleMs: options.claimIdleMs } : {}),
    blockMs: 1000,
  });
  return consumer.run(
    async (event) => {
      const data = eventDataOf(event, 'fulfillment.updated');
      if (!data) return;
      const state = await options.store.get(data.orderNumber);
      const step = state?.status === 'RUNNING' ? state.currentStep : null;
      if (step !== 'AWAIT_PACKED' && step !== 'AWAIT_SHIPPED') return;
      const woken = await options.queue.wake(data.orderNumber, step);
      options.logger.debug(
        { number: data.orderNumber, step, status: data.status, woken },
        'fulfilment event',
      );
    },
    { signal },
  );
}
