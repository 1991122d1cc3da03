import type { OrchestrationState } from './orchestration-state.js';
import { FULFILLMENT_STEPS, type FulfillmentStep } from './fulfillment-steps.js';

/**
 * What a partner sees of an order's progress: no step names, errors or retries (internal detail),
 * only where the goods are. ACCEPTED: checked and confirmed. IN_FULFILLMENT: in the warehouse.
 * SHIPPED: the parcel left. COMPLETED: delivered in Odoo and invoiced. CANCELLED: stopped and undone.
 */
export const ORDER_PROGRESS_VALUES = [
  'RECEIVED',
  'ACCEPTED',
  'IN_FULFILLMENT',
  'SHIPPED',
  'COMPLETED',
  'CANCELLED',
] as const;
export type OrderProgress = (typeof ORDER_PROGRESS_VALUES)[number];

const at = (step: FulfillmentStep) => FULFILLMENT_STEPS.indexOf(step);

/** The partner's view of `state`. A failure after the goods left still reads SHIPPED: ours to fix. */
export function partnerProgressOf(state: OrchestrationState): OrderProgress {
  if (state.status === 'COMPLETED') return 'COMPLETED';
  if (state.status === 'COMPENSATING') return 'CANCELLED';
  const step = state.currentStep ?? state.failure?.step ?? 'NOTIFY_PARTNER';
  if (state.status === 'FAILED' && state.compensation.status !== 'NOT_NEEDED') return 'CANCELLED';
  if (at(step) > at('AWAIT_SHIPPED')) return 'SHIPPED';
  if (at(step) > at('RELEASE_TO_WMS')) return 'IN_FULFILLMENT';
  if (at(step) > at('CONFIRM_ORDER')) return 'ACCEPTED';
  return 'RECEIVED';
}
