/**
 * The order-to-cash state machine's vocabulary: its steps in the order they run, the status of each
 * step and of the whole orchestration. Shared by the orchestration (which writes the state) and the
 * orders subgraph (which reads it), so it lives in platform code.
 */

/** The steps, in the order they run; each starts only when the one before it succeeded. */
export const FULFILLMENT_STEPS = [
  'CREDIT_CHECK',
  'CONFIRM_ORDER',
  'RELEASE_TO_WMS',
  'AWAIT_PACKED',
  'SELECT_CARRIER',
  'BUY_LABEL',
  'AWAIT_SHIPPED',
  'VALIDATE_DELIVERY',
  'POST_INVOICE',
  'NOTIFY_PARTNER',
] as const;

export type FulfillmentStep = (typeof FULFILLMENT_STEPS)[number];

/**
 * Where an orchestration can be found for stuck detection: a step, or the compensation that undoes the
 * steps after a failure.
 */
export const STUCK_PHASES = [...FULFILLMENT_STEPS, 'COMPENSATION'] as const;
export type StuckPhase = (typeof STUCK_PHASES)[number];

/**
 * The last step that can still be undone. Once the WMS reports the parcel shipped the goods have left:
 * a failure after that leaves the order FAILED for an operator instead of cancelling it in Odoo.
 */
export const LAST_COMPENSABLE_STEP: FulfillmentStep = 'BUY_LABEL';

/**
 * PENDING: not reached. RUNNING: an attempt is in progress. WAITING: polling the WMS (not an error).
 * RETRYING: the last attempt failed transiently, another is scheduled with backoff. SUCCEEDED: done.
 * FAILED: failed for good. COMPENSATED: it had run (or may have) and was undone after a later failure.
 */
export const STEP_STATUSES = [
  'PENDING',
  'RUNNING',
  'WAITING',
  'RETRYING',
  'SUCCEEDED',
  'FAILED',
  'COMPENSATED',
] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/**
 * RUNNING: steps in progress. COMPENSATING: a step failed for good and what was done is being undone.
 * COMPLETED: every step succeeded. FAILED: stopped with a reason (compensated, or past the point where
 * it can be).
 */
export const ORCHESTRATION_STATUSES = ['RUNNING', 'COMPENSATING', 'COMPLETED', 'FAILED'] as const;
export type OrchestrationStatus = (typeof ORCHESTRATION_STATUSES)[number];

/** The step after `step`, or null after the last. */
export function nextStep(step: FulfillmentStep): FulfillmentStep | null {
  return FULFILLMENT_STEPS[FULFILLMENT_STEPS.indexOf(step) + 1] ?? null;
}

/** Whether a failure at `step` is undone by compensation (the goods have not left yet). */
export function isCompensable(step: FulfillmentStep): boolean {
  return FULFILLMENT_STEPS.indexOf(step) <= FULFILLMENT_STEPS.indexOf(LAST_COMPENSABLE_STEP);
}
