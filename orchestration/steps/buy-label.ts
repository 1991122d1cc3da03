import type { StepDefinition } from '../step-context.js';
import { StepFailure } from '../step-failure.js';

/**
 * Buys the chosen rate: label, tracking number, tracker. Before buying, the carrier's shipment is read
 * back: a label bought by an attempt that crashed before recording it is found there and not bought
 * twice (CarrierClient.buyRate also reads back after an ambiguous failure).
 */
export const buyLabel: StepDefinition = {
  name: 'BUY_LABEL',
  async run({ state, carrier }) {
    if (state.facts.label) return { kind: 'done' };
    const selection = state.facts.selection;
    if (!selection) throw new StepFailure('INTERNAL', 'no carrier was selected before buying a label');
    const existing = await carrier.shipment(selection.carrierShipmentId);
    const shipment = existing ?? (await carrier.buyRate(selection.carrierShipmentId, selection.rateId));
    return {
      kind: 'done',
      facts: {
        label: {
          carrierShipmentId: selection.carrierShipmentId,
          trackingNumber: shipment.trackingNumber,
          carrier: shipment.carrier,
        },
      },
    };
  },
};
