/**
 * The state machine's transitions, as pure functions of the state: each answers the next state, or null
 * when the state is no longer the one the transition was meant for (another worker moved it on).
 *
 *   step: PENDING → RUNNING → SUCCEEDED            (the next step becomes current; after the last, COMPLETED)
 *                   RUNNING → WAITING → RUNNING    (the WMS has not packed/shipped yet: poll or event)
 *                   RUNNING → RETRYING → RUNNING   (transient failure, backoff)
 *                   RUNNING → FAILED               (permanent, or attempts spent)
 *   order: RUNNING → COMPLETED
 *          RUNNING → COMPENSATING → FAILED         (failure at or before BUY_LABEL: undo, then FAILED)
 *          RUNNING → FAILED                        (failure after the goods left: for an operator)
 *   compensation: steps that ran (or may have) → COMPENSATED
 */
import {
  isCompensable,
  nextStep,
  type FulfillmentStep,
} from '../platform/orchestration/fulfillment-steps.js';
import type {
  OrchestrationFacts,
  OrchestrationState,
  StepState,
} from '../platform/orchestration/orchestration-state.js';
import type { ClassifiedFailure } from './step-failure.js';

type Change = (state: OrchestrationState) => OrchestrationState | null;

const isCurrent = (state: OrchestrationState, step: FulfillmentStep) =>
  state.status === 'RUNNING' && state.currentStep === step;

function withStep(
  state: OrchestrationState,
  step: FulfillmentStep,
  change: Partial<StepState>,
  at: string,
): OrchestrationState {
  return {
    ...state,
    steps: { ...state.steps, [step]: { ...state.steps[step], ...change, updatedAt: at } },
    updatedAt: at,
  };
}

/** An attempt of the current step begins. */
export const beginAttempt =
  (step: FulfillmentStep, at: string): Change =>
  (state) =>
    isCurrent(state, step)
      ? withStep(
          state,
          step,
          {
            status: 'RUNNING',
            attempts: state.steps[step].attempts + 1,
            startedAt: state.steps[step].startedAt ?? at,
          },
          at,
        )
      : null;

/** The step's effect is in place: record its facts, make the next step current (or complete). */
export const completeStep =
  (step: FulfillmentStep, facts: Partial<OrchestrationFacts> | undefined, at: string): Change =>
  (state) => {
    if (!isCurrent(state, step)) return null;
    const next = nextStep(step);
    return {
      ...withStep(state, step, { status: 'SUCCEEDED', finishedAt: at }, at),
      facts: { ...state.facts, ...facts },
      status: next ? 'RUNNING' : 'COMPLETED',
      currentStep: next,
      phaseEnteredAt: next ? at : state.phaseEnteredAt,
    };
  };

/** Nothing to do yet; the step is looked at again later. */
export const waitStep =
  (step: FulfillmentStep, at: string): Change =>
  (state) =>
    isCurrent(state, step) ? withStep(state, step, { status: 'WAITING' }, at) : null;

/** A transient failure; another attempt follows after the backoff. */
export const retryStep =
  (step: FulfillmentStep, failure: ClassifiedFailure, at: string): Change =>
  (state) =>
    isCurrent(state, step)
      ? withStep(state, step, { status: 'RETRYING', lastError: errorOf(failure, at) }, at)
      : null;

/** A failure for good: compensate when the goods have not left, else stop for an operator. */
export const failStep =
  (step: FulfillmentStep, failure: ClassifiedFailure, at: string): Change =>
  (state) => {
    if (!isCurrent(state, step)) return null;
    const failed = withStep(
      state,
      step,
      { status: 'FAILED', lastError: errorOf(failure, at), finishedAt: at },
      at,
    );
    const compensate = isCompensable(step);
    return {
      ...failed,
      status: compensate ? 'COMPENSATING' : 'FAILED',
      currentStep: null,
      phaseEnteredAt: at,
      failure: { step, code: failure.code, message: failure.message, at },
      compensation: compensate ? { status: 'RUNNING', actions: [], lastError: null } : state.compensation,
    };
  };

/** The compensation undid what was done: steps that had run are COMPENSATED, the order FAILED. */
export const finishCompensation =
  (actions: string[], at: string): Change =>
  (state) => {
    if (state.status !== 'COMPENSATING') return null;
    const steps = { ...state.steps };
    for (const [name, step] of Object.entries(steps) as [FulfillmentStep, StepState][])
      if (step.status === 'SUCCEEDED' || (step.status !== 'FAILED' && step.attempts > 0))
        steps[name] = { ...step, status: 'COMPENSATED', updatedAt: at };
    return {
      ...state,
      steps,
      status: 'FAILED',
      compensation: { status: 'DONE', actions, lastError: null },
      updatedAt: at,
    };
  };

/** An attempt of the compensation failed: retried (`final` false) or given up, for an operator. */
export const compensationFailed =
  (failure: ClassifiedFailure, final: boolean, at: string): Change =>
  (state) => {
    if (state.status !== 'COMPENSATING') return null;
    return {
      ...state,
      status: final ? 'FAILED' : 'COMPENSATING',
      compensation: {
        ...state.compensation,
        status: final ? 'FAILED' : 'RUNNING',
        lastError: errorOf(failure, at),
      },
      updatedAt: at,
    };
  };

function errorOf(failure: ClassifiedFailure, at: string) {
  return { code: failure.code, message: failure.message, at };
}
