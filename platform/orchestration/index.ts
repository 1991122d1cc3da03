export {
  FULFILLMENT_STEPS,
  isCompensable,
  LAST_COMPENSABLE_STEP,
  nextStep,
  ORCHESTRATION_STATUSES,
  STEP_STATUSES,
  STUCK_PHASES,
} from './fulfillment-steps.js';
export type { FulfillmentStep, OrchestrationStatus, StepStatus, StuckPhase } from './fulfillment-steps.js';
export { OrchestrationError, orchestrationErrorCatalogue } from './orchestration-errors.js';
export type { OrchestrationErrorCode } from './orchestration-errors.js';
export {
  newOrchestrationState,
  orchestrationInputSchema,
  orchestrationStateSchema,
} from './orchestration-state.js';
export type {
  OrchestrationFacts,
  OrchestrationInput,
  OrchestrationState,
  StepError,
  StepState,
} from './orchestration-state.js';
export { OrchestrationStore, phaseOf } from './orchestration-store.js';
export type { OrchestrationStoreOptions, PhaseMember } from './orchestration-store.js';
export { ORDER_PROGRESS_VALUES, partnerProgressOf } from './partner-progress.js';
export type { OrderProgress } from './partner-progress.js';
export { decodeStuckCursor, FulfillmentProgressReader } from './progress-reader.js';
export type { StuckOrder, StuckOrderPage } from './progress-reader.js';
export { DEFAULT_STUCK_LIMITS_MS, parseStuckLimits, stuckLimitsSchema } from './stuck-limits.js';
export type { StuckLimits } from './stuck-limits.js';
