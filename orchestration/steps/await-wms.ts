import type { FulfillmentStatus } from '../../schema/canonical/fulfillment.js';
import type { FulfillmentStep } from '../../platform/orchestration/fulfillment-steps.js';
import type { StepDefinition } from '../step-context.js';
import { StepFailure } from '../step-failure.js';

/**
 * A step that waits for the warehouse: done once the WMS reports one of `reached`, failed when it
 * cancelled the order, otherwise waiting (a `fulfillment.updated` event wakes it early; the poll
 * interval is the fallback when webhooks are lost). A hold (backorder, short pick) keeps it waiting: it
 * shows in the stuck list once it outlasts the step's limit.
 */
function awaitWms(name: FulfillmentStep, reached: readonly FulfillmentStatus[]): StepDefinition {
  return {
    name,
    async run({ state, wms }) {
      const fulfillment = await wms.fulfillment(state.number);
      if (!fulfillment)
        throw new StepFailure('WMS_CANCELLED', `the WMS no longer knows order ${state.number}`);
      if (fulfillment.status === 'CANCELLED')
        throw new StepFailure('WMS_CANCELLED', `the warehouse cancelled order ${state.number}`);
      if (reached.includes(fulfillment.status)) return { kind: 'done' };
      return { kind: 'wait', note: `WMS status ${fulfillment.status}` };
    },
  };
}

export const awaitPacked = awaitWms('AWAIT_PACKED', ['PACKED', 'SHIPPED']);
export const awaitShipped = awaitWms('AWAIT_SHIPPED', ['SHIPPED']);
