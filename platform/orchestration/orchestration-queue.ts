import { Queue } from 'bullmq';
import { createClient } from 'redis';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import { FULFILLMENT_STEPS, type FulfillmentStep } from './fulfillment-steps.js';

/** The BullMQ queue's name; its keys are `<namespace>:bull:order-to-cash:*`. */
export const ORCHESTRATION_QUEUE_NAME = 'order-to-cash';

/** What a job does: run one step of an order, or its compensation. */
export const JOB_TARGETS = [...FULFILLMENT_STEPS, 'COMPENSATE'] as const;
export type JobTarget = (typeof JOB_TARGETS)[number];

export const orchestrationJobSchema = z.object({
  number: z.string().min(1),
  target: z.enum(JOB_TARGETS),
});
export type OrchestrationJob = z.infer<typeof orchestrationJobSchema>;

/**
 * The job id: one job per order and step, so adding it twice (a retried hand-over, the sweeper, a
 * restarted worker) queues it once. BullMQ refuses `:` in ids, hence the encoding.
 */
export const jobIdOf = (number: string, target: JobTarget) => `${encodeURIComponent(number)}.${target}`;

const DAY_S = 24 * 3600;

/**
 * How a step's job is retried. Set where a step is queued, so every process that queues steps (the
 * worker, the orders subgraph starting orchestrations) must read the same ORCHESTRATION_ATTEMPTS and
 * ORCHESTRATION_BACKOFF_MS.
 */
export const stepRetrySchema = z.object({
  /** Attempts of a step whose failures are transient, before it fails for good. Default 8. */
  attempts: z.number().int().min(1).max(50).default(8),
  /** First retry delay, doubled each attempt (±jitter by BullMQ's exponential backoff). Default 2000. */
  backoffMs: z.number().int().min(1).max(3_600_000).default(2000),
});

/** {@link stepRetrySchema} from ORCHESTRATION_ATTEMPTS and ORCHESTRATION_BACKOFF_MS; throws naming them. */
export function loadStepRetry(env: NodeJS.ProcessEnv): z.output<typeof stepRetrySchema> {
  const parsed = stepRetrySchema.safeParse({
    attempts: env.ORCHESTRATION_ATTEMPTS === undefined ? undefined : Number(env.ORCHESTRATION_ATTEMPTS),
    backoffMs: env.ORCHESTRATION_BACKOFF_MS === undefined ? undefined : Number(env.ORCHESTRATION_BACKOFF_MS),
  });
  if (!parsed.success)
    throw new Error(`ORCHESTRATION_ATTEMPTS / ORCHESTRATION_BACKOFF_MS: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export interface OrchestrationQueueOptions {
  redisUrl: string;
  /** Default `dg`. */
  namespace?: string;
  /** Attempts per job (transient failures). */
  attempts: number;
  /** First retry delay, doubled per attempt. */
  backoffMs: number;
  logger: Logger;
}

/** The producer side: queues steps, wakes waiting ones. */
export class OrchestrationQueue {
  readonly #queue: Queue;
  readonly #client: ReturnType<typeof createClient>;
  readonly #options: OrchestrationQueueOptions;

  constructor(options: OrchestrationQueueOptions) {
    this.#options = options;
    this.#client = createClient({ url: options.redisUrl });
    this.#client.on('error', () => undefined); // the queue re-emits it, logged below
    this.#queue = new Queue(ORCHESTRATION_QUEUE_NAME, {
      connection: this.#client,
      prefix: `${options.namespace ?? 'dg'}:bull`,
    });
    this.#queue.on('error', (error) => options.logger.warn({ err: error }, 'orchestration queue error'));
  }

  /**
   * Queues `target` for the order unless its job is already waiting, delayed or active. A finished job
   * under the same id (the state says the step is still current, so something was lost) is replaced.
   */
  async ensure(number: string, target: JobTarget): Promise<void> {
    const jobId = jobIdOf(number, target);
    const existing = await this.#queue.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return;
      await existing.remove().catch(() => undefined); // gone meanwhile: add below
    }
    await this.#queue.add(target, { number, target } satisfies OrchestrationJob, {
      jobId,
      attempts: this.#options.attempts,
      backoff: { type: 'exponential', delay: this.#options.backoffMs, jitter: 0.2 },
      // Kept a day so that their ids keep de-duplicating late hand-overs.
      removeOnComplete: { age: DAY_S },
      removeOnFail: { age: 7 * DAY_S },
    });
  }

  /** Runs a waiting step now instead of at its next poll (an event said the WMS moved). */
  async wake(number: string, step: FulfillmentStep): Promise<boolean> {
    const job = await this.#queue.getJob(jobIdOf(number, step));
    if (!job || !(await job.isDelayed())) return false;
    try {
      await job.promote();
      return true;
    } catch {
      return false; // it started meanwhile
    }
  }

  /** Closes the queue; `abrupt` drops the connection at once (a crashing process). */
  async close(abrupt = false): Promise<void> {
    if (abrupt) {
      if (this.#client.isOpen) this.#client.destroy();
      await this.#queue.close().catch(() => undefined);
      return;
    }
    await this.#queue.close();
    if (this.#client.isOpen) this.#client.destroy();
  }
}
