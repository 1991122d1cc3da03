import { where } from '../../connectors/odoo/domain.js';
import type { StepDefinition } from '../step-context.js';
import { StepFailure } from '../step-failure.js';

/**
 * Validates the order's open deliveries in Odoo with the label's tracking number, once the WMS shipped
 * them. Writing the same tracking number again is harmless and a done delivery is skipped, so a crash
 * between the two calls only repeats the write. What the WMS did not ship is not backordered
 * (`cancel_backorder`): the warehouse has closed the order.
 */
export const validateDelivery: StepDefinition = {
  name: 'VALIDATE_DELIVERY',
  async run({ state, odoo }) {
    const tracking = state.facts.label?.trackingNumber;
    if (!tracking) throw new StepFailure('INTERNAL', 'no label was bought before validating the delivery');
    const pickings = await odoo.searchRead('stock.picking', {
      domain: where('origin', '=', state.number),
      fields: ['state', 'carrier_tracking_ref'],
      order: 'id asc',
    });
    if (pickings.length === 0)
      throw new StepFailure('ORDER_INCOMPLETE', `order ${state.number} has no delivery in Odoo`);
    for (const picking of pickings.filter((p) => p.state !== 'done' && p.state !== 'cancel')) {
      if (picking.carrier_tracking_ref !== tracking)
        await odoo.write(
          'stock.picking',
          [picking.id],
          { carrier_tracking_ref: tracking },
          { idempotent: true },
        );
      await odoo.callMethod('stock.picking', 'button_validate', {
        ids: [picking.id],
        context: { cancel_backorder: true },
      });
    }
    return { kind: 'done', facts: { pickingIds: pickings.map((p) => p.id) } };
  },
};
