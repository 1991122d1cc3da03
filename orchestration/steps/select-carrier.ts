import type { StepDefinition } from '../step-context.js';
import { StepFailure } from '../step-failure.js';
import { readFulfilmentDetails, readSaleOrder } from '../odoo-order.js';
import { chooseRate } from '../rate-policy.js';

/**
 * Rate shopping once the order is packed: one shipment quoted by every carrier account (accounts whose
 * breaker is open are reported down, not asked), a rate chosen under the policy. The choice is kept in
 * the facts, so a restart buys what was chosen; a crash before it is kept only costs an unbought quote.
 */
export const selectCarrier: StepDefinition = {
  name: 'SELECT_CARRIER',
  async run({ state, odoo, carrier, origins, parcel, ratePolicy }) {
    if (state.facts.selection) return { kind: 'done' };
    const details = await readFulfilmentDetails(odoo, await readSaleOrder(odoo, state.odooId));
    const from = origins[details.warehouseCode];
    if (!from)
      throw new StepFailure(
        'ORDER_INCOMPLETE',
        `no ship-from address for warehouse ${details.warehouseCode}`,
      );
    const units = details.lines.reduce((sum, line) => sum + line.quantity, 0);
    const quote = await carrier.quoteRates({
      from,
      to: details.shipTo,
      parcel: {
        weightOz: Math.min(parcel.maxOunces, units * parcel.ounces),
        lengthIn: parcel.lengthIn,
        widthIn: parcel.widthIn,
        heightIn: parcel.heightIn,
      },
      reference: state.number,
    });
    const { rate, reason } = chooseRate(quote, ratePolicy);
    return {
      kind: 'done',
      facts: {
        selection: {
          carrierShipmentId: rate.carrierShipmentId,
          rateId: rate.id,
          carrier: rate.carrier,
          service: rate.service,
          price: rate.price,
          reason,
        },
      },
    };
  },
};
