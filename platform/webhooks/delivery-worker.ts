import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { createClient } from 'redis';
import type { Logger } from '../logger.js';
import { publishWebhookDelivery } from '../observability/channels.js';
import { attemptDelivery } from './attempt-delivery.js';
import { DELIVERY_QUEUE_NAME, deliveryJobSchema, type DeliveryJob } from './delivery-job.js';
import type { DeliveryLog } from './delivery-log.js';
import type { EndpointStore } from './endpoint-store.js';
import { retryDelayMs, type RetrySchedule } from './retry-schedule.js';
import type { UrlPolicy } from './url-policy.js';
import type { WebhookDeadLetters } from './webhook-dead-letters.js';

export interface DeliveryWorkerOptions {
  redisUrl: string;
  /** Default `dg`. */
  namespace?: string;
  store: EndpointStore;
  log: DeliveryLog;
  deadLetters: WebhookDeadLetters;
  policy: UrlPolicy;
  schedule: RetrySchedule;
  /** Longest an endpoint may take to answer, body included. Default 10,000 ms. */
  timeoutMs?: number;
  /** Deliveries in flight at once. Default 10. */
  concurrency?: number;
  logger: Logger;
}

/**
 * Handles one job: skip it when the endpoint is gone or disabled; otherwise attempt it and record the
 * attempt. 2xx: done. 410: disable the endpoint and stop. Anything else: throw, so BullMQ retries it on
 * the schedule; on the last attempt, dead-letter it and flag the endpoint failing first.
 */
function processorOf(options: DeliveryWorkerOptions) {
  const { store, deadLetters, logger } = options;
  // Every attempt recorded is also counted (dg_webhook_deliveries_total).
  const log: Pick<DeliveryLog, 'record'> = {
    record: async (endpointId, attempt) => {
      publishWebhookDelivery({ outcome: attempt.outcome, durationMs: attempt.durationMs });
      await options.log.record(endpointId, attempt);
    },
  };
  const timeoutMs = options.timeoutMs ?? 10_000;
  return async (job: Job) => {
    const parsed = deliveryJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed delivery job: ${parsed.error.message}`);
    const { endpointId, event, replayId }: DeliveryJob = parsed.data;
    const attempt = job.attemptsMade + 1;
    const base = { eventId: event.id, eventType: event.type, attempt, replay: replayId !== undefined };
    const target = await store.getForDelivery(endpointId);
    if (!target) return; // removed since: its log went with it
    if (target.endpoint.status === 'disabled') {
      const reason = `endpoint disabled: ${target.endpoint.statusReason ?? 'no reason given'}`;
      await log.record(endpointId, {
        ...base,
        outcome: 'skipped',
        statusCode: null,
        error: reason,
        durationMs: 0,
      });
      return;
    }
    const result = await attemptDelivery({ url: target.endpoint.url, secret: target.secret }, event, {
      policy: options.policy,
      timeoutMs,
    });
    const statusCode = result.kind === 'answered' ? result.statusCode : null;
    const common = { ...base, statusCode, durationMs: result.durationMs };
    if (statusCode !== null && statusCode >= 200 && statusCode < 300) {
      await log.record(endpointId, { ...common, outcome: 'delivered', error: null });
      return;
    }
    if (statusCode === 410) {
      const reason = 'answered 410 Gone';
      await store.setStatus(endpointId, 'disabled', reason);
      await log.record(endpointId, { ...common, outcome: 'gone', error: reason });
      logger.warn({ endpointId, eventId: event.id }, 'webhook endpoint answered 410 Gone; disabled');
      throw new UnrecoverableError(reason);
    }
    const error =
      result.kind === 'failed'
        ? result.error
        : statusCode! >= 300 && statusCode! < 400
          ? `answered ${statusCode} (redirects are not followed)`
          : `answered ${statusCode}`;
    if (attempt >= (job.opts.attempts ?? 1)) {
      await deadLetters.record(endpointId, event, attempt, error);
      await store.setStatus(endpointId, 'failing', `delivery of event ${event.id} dead-lettered: ${error}`);
      await log.record(endpointId, { ...common, outcome: 'dead_lettered', error });
      logger.warn({ endpointId, eventId: event.id, attempt, error }, 'webhook delivery dead-lettered');
      throw new UnrecoverableError(error);
    }
    await log.record(endpointId, { ...common, outcome: 'retrying', error });
    throw new Error(error);
  };
}

/** The consumer side of the delivery queue; `close()` waits for the deliveries in flight. */
export function startDeliveryWorker(options: DeliveryWorkerOptions): { close(): Promise<void> } {
  const client = createClient({ url: options.redisUrl });
  client.on('error', () => undefined); // the worker emits and logs connection failures itself
  const worker = new Worker(DELIVERY_QUEUE_NAME, processorOf(options), {
    connection: client,
    prefix: `${options.namespace ?? 'dg'}:bull`,
    concurrency: options.concurrency ?? 10,
    settings: { backoffStrategy: (attemptsMade) => retryDelayMs(options.schedule, attemptsMade) },
  });
  worker.on('error', (error) => options.logger.error({ err: error }, 'webhook delivery worker error'));
  return {
    close: async () => {
      await worker.close();
      if (client.isOpen) client.destroy();
    },
  };
}
