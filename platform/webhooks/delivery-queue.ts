import { Queue } from 'bullmq';
import { createClient } from 'redis';
import type { CanonicalEvent } from '../events/canonical-event.js';
import type { Logger } from '../logger.js';
import { DELIVERY_QUEUE_NAME, deliveryJobId, type DeliveryJob } from './delivery-job.js';
import { attemptsOf, type RetrySchedule } from './retry-schedule.js';

const WEEK_S = 7 * 24 * 3600;

export interface DeliveryQueueOptions {
  /** BullMQ gets connections of its own (its blocking reads must not stall the shared client). */
  redisUrl: string;
  /** Key namespace; the queue's keys are `<namespace>:bull:partner-webhooks:*`. Default `dg`. */
  namespace?: string;
  schedule: RetrySchedule;
  /** Where connection errors are logged (a failing `enqueue` also rejects). */
  logger?: Logger;
}

/** What to enqueue: `event` for endpoint `endpointId`, as a replay when `replayId` is set. */
export interface Delivery {
  endpointId: string;
  event: CanonicalEvent;
  replayId?: string;
}

/** The producer side of the delivery queue (BullMQ over node-redis; ioredis is not needed). */
export class DeliveryQueue {
  readonly #queue: Queue;
  readonly #client: ReturnType<typeof createClient>;
  readonly #attempts: number;

  constructor(options: DeliveryQueueOptions) {
    this.#client = createClient({ url: options.redisUrl });
    this.#client.on('error', () => undefined); // the queue re-emits it, logged below
    this.#queue = new Queue(DELIVERY_QUEUE_NAME, {
      connection: this.#client,
      prefix: `${options.namespace ?? 'dg'}:bull`,
    });
    // Without a listener, an 'error' event (Redis unreachable) would crash the process.
    this.#queue.on('error', (error) => options.logger?.warn({ err: error }, 'webhook delivery queue error'));
    this.#attempts = attemptsOf(options.schedule);
  }

  /**
   * Queues the deliveries; one already queued under the same job id is left as it is. Completed and
   * failed jobs are kept a week (the event log's retention) so that their ids keep de-duplicating.
   */
  async enqueue(deliveries: readonly Delivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.#queue.addBulk(
      deliveries.map((d) => ({
        name: d.event.type,
        data: {
          endpointId: d.endpointId,
          event: d.event,
          ...(d.replayId ? { replayId: d.replayId } : {}),
        } satisfies DeliveryJob,
        opts: {
          jobId: deliveryJobId(d.endpointId, d.event, d.replayId),
          attempts: this.#attempts,
          backoff: { type: 'webhook' },
          removeOnComplete: { age: WEEK_S },
          removeOnFail: { age: WEEK_S },
        },
      })),
    );
  }

  async close(): Promise<void> {
    await this.#queue.close();
    if (this.#client.isOpen) this.#client.destroy();
  }
}
