import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from '../platform/logger.js';
import type { FulfillmentStep } from '../platform/orchestration/fulfillment-steps.js';
import type { OrchestrationState } from '../platform/orchestration/orchestration-state.js';
import type { OrchestrationStore } from '../platform/orchestration/orchestration-store.js';
import {
  orchestrationJobSchema,
  type OrchestrationQueue,
} from '../platform/orchestration/orchestration-queue.js';
import { queueCurrent } from '../platform/orchestration/orchestration-starter.js';
import { compensate } from './compensate.js';
import type { StepOutcome, StepServices } from './step-context.js';
import { classifyFailure } from './step-failure.js';
import { STEP_DEFINITIONS } from './steps/index.js';
import {
  beginAttempt,
  compensationFailed,
  completeStep,
  failStep,
  finishCompensation,
  retryStep,
  waitStep,
} from './transitions.js';

export interface ProcessorDeps {
  store: OrchestrationStore;
  queue: OrchestrationQueue;
  services: StepServices;
  /** How long a waiting step sleeps before it looks again (an event may wake it sooner). */
  pollMs: number;
  logger: Logger;
}

const now = () => new Date().toISOString();
const isLastAttempt = (job: Job) => job.attemptsMade + 1 >= (job.opts.attempts ?? 1);

/**
 * The worker's processor. A job names an order and a step; the stored state decides whether it still
 * applies (a job left over from before a crash finds its step done and only makes sure the current one
 * is queued). The state is saved before the next step is queued, so a crash between the two leaves a
 * state the sweeper or the job's own re-run completes.
 */
export function createProcessor(deps: ProcessorDeps) {
  return async (job: Job, token?: string): Promise<void> => {
    const parsed = orchestrationJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed orchestration job: ${parsed.error.message}`);
    const { number, target } = parsed.data;
    const state = await deps.store.get(number);
    if (!state) throw new UnrecoverableError(`no orchestration for order ${number}`);
    if (target === 'COMPENSATE') return runCompensation(deps, job, state);
    if (state.status !== 'RUNNING' || state.currentStep !== target) return queueCurrent(deps.queue, state);
    return runStep(deps, job, token, target);
  };
}

async function runStep(deps: ProcessorDeps, job: Job, token: string | undefined, step: FulfillmentStep) {
  const { store, queue, logger } = deps;
  const number = (job.data as { number: string }).number;
  const started = await store.update(number, beginAttempt(step, now()));
  if (started.status !== 'RUNNING' || started.currentStep !== step) return queueCurrent(queue, started);
  let outcome: StepOutcome;
  try {
    outcome = await STEP_DEFINITIONS[step].run({ ...deps.services, state: started });
  } catch (error) {
    const failure = classifyFailure(error);
    if (failure.transient && !isLastAttempt(job)) {
      await store.update(number, retryStep(step, failure, now()));
      logger.info(
        { number, step, attempt: job.attemptsMade + 1, code: failure.code },
        'step will be retried',
      );
      throw error instanceof Error ? error : new Error(failure.message);
    }
    const failed = await store.update(number, failStep(step, failure, now()));
    logger.warn({ number, step, code: failure.code, message: failure.message }, 'order-to-cash step failed');
    return queueCurrent(queue, failed);
  }
  if (outcome.kind === 'wait') {
    await store.update(number, waitStep(step, now()));
    // Not a failure: back to the delayed set without spending an attempt.
    await job.moveToDelayed(Date.now() + deps.pollMs, token);
    throw new DelayedError(outcome.note);
  }
  const saved = await store.update(number, completeStep(step, outcome.facts, now()));
  logger.debug({ number, step, next: saved.currentStep }, 'order-to-cash step done');
  await queueCurrent(queue, saved);
}

async function runCompensation(deps: ProcessorDeps, job: Job, state: OrchestrationState) {
  if (state.status !== 'COMPENSATING') return;
  const { store, logger } = deps;
  try {
    const actions = await compensate(deps.services, state);
    await store.update(state.number, finishCompensation(actions, now()));
    logger.info({ number: state.number, actions }, 'order-to-cash compensated');
  } catch (error) {
    const failure = classifyFailure(error);
    const final = !failure.transient || isLastAttempt(job);
    await store.update(state.number, compensationFailed(failure, final, now()));
    if (!final) throw error instanceof Error ? error : new Error(failure.message);
    logger.error({ number: state.number, code: failure.code }, 'order-to-cash compensation failed');
  }
}
