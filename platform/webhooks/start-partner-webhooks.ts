import { hostname } from 'node:os';
import { EventConsumer } from '../events/event-consumer.js';
import type { EventLog } from '../events/event-log.js';
import type { Logger } from '../logger.js';
import type { RedisClient } from '../redis.js';
import { DeliveryLog } from './delivery-log.js';
import { DeliveryQueue } from './delivery-queue.js';
import { startDeliveryWorker } from './delivery-worker.js';
import { EndpointStore } from './endpoint-store.js';
import { DEFAULT_RETRY_SCHEDULE, type RetrySchedule } from './retry-schedule.js';
import { WebhookDeadLetters } from './webhook-dead-letters.js';
import { webhookDispatcher } from './webhook-dispatcher.js';

/** The consumer group of the event log that feeds partner webhooks. */
export const WEBHOOK_CONSUMER_GROUP = 'partner-webhooks';

export interface PartnerWebhooksRuntimeOptions {
  /** Shared client: endpoints, delivery log, dead letters and the consumer group's commands. */
  redis: RedisClient;
  /** BullMQ's queue and worker open their own connections to it. */
  redisUrl: string;
  events: EventLog;
  logger: Logger;
  /** `production` requires https endpoints (checked again at each delivery). */
  mode: 'demo' | 'production';
  /** Retry waits. Default {@link DEFAULT_RETRY_SCHEDULE} (8 attempts over ~27.6 h). */
  schedule?: RetrySchedule;
  /** Whether endpoints may be on loopback addresses. Default: true in demo mode, false in production. */
  allowLoopback?: boolean;
  /** Key namespace (endpoints, logs, queue). Default `dg`. */
  namespace?: string;
  /** Longest an endpoint may take to answer. Default 10,000 ms. */
  deliveryTimeoutMs?: number;
  /** Deliveries in flight at once. Default 10. */
  concurrency?: number;
  /** This process's name in the consumer group. Default `<host>-<pid>`. */
  consumerName?: string;
}

/**
 * Runs partner webhooks out: a dispatcher (consumer group `partner-webhooks` on the event log; a group
 * created now starts with new events) that queues one delivery per matching endpoint, and the worker that
 * delivers, retries, dead-letters and disables. Resolves once the group exists, so every event appended
 * afterwards is dispatched. `close()` stops reading, waits for deliveries in flight and closes connections.
 */
export async function startPartnerWebhooks(
  options: PartnerWebhooksRuntimeOptions,
): Promise<{ close(): Promise<void> }> {
  const { redis, logger, namespace } = options;
  const schedule = options.schedule ?? DEFAULT_RETRY_SCHEDULE;
  const store = new EndpointStore(redis, namespace);
  const queue = new DeliveryQueue({ redisUrl: options.redisUrl, namespace, schedule, logger });
  const consumer = new EventConsumer({
    redis,
    log: options.events,
    group: WEBHOOK_CONSUMER_GROUP,
    consumer: options.consumerName ?? `${hostname()}-${process.pid}`,
    startFrom: '$',
  });
  await consumer.ensureGroup();
  const worker = startDeliveryWorker({
    redisUrl: options.redisUrl,
    namespace,
    store,
    log: new DeliveryLog(redis, namespace),
    deadLetters: new WebhookDeadLetters(redis, namespace),
    policy: { mode: options.mode, allowLoopback: options.allowLoopback ?? options.mode === 'demo' },
    schedule,
    timeoutMs: options.deliveryTimeoutMs,
    concurrency: options.concurrency,
    logger,
  });
  const stop = new AbortController();
  const dispatch = webhookDispatcher(store, queue);
  // The consumer rejects when Redis fails; read again after a pause rather than stop webhooks for good.
  const running = (async () => {
    while (!stop.signal.aborted) {
      try {
        await consumer.run(dispatch, { signal: stop.signal });
      } catch (error) {
        if (stop.signal.aborted) break;
        logger.error({ err: error }, 'webhook dispatcher stopped; restarting in 1 s');
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  })();
  return {
    close: async () => {
      stop.abort();
      await running;
      await worker.close();
      await queue.close();
    },
  };
}
