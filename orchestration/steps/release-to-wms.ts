import { WmsValidationError } from '../../connectors/wms/errors.js';
import type { StepDefinition } from '../step-context.js';
import { StepFailure } from '../step-failure.js';
import { readFulfilmentDetails, readSaleOrder } from '../odoo-order.js';

/**
 * Releases the order to the WMS. WmsClient.createOrder looks the order number up before creating, so a
 * retry after a lost answer finds the first order instead of creating a second. A refusal of the WMS's
 * validation is permanent (WMS_REJECTED): retrying the same order cannot help.
 */
export const releaseToWms: StepDefinition = {
  name: 'RELEASE_TO_WMS',
  async run({ state, odoo, wms }) {
    const order = await readSaleOrder(odoo, state.odooId);
    if (order.state === 'cancel') throw new StepFailure('ORDER_CANCELLED', `${state.number} is cancelled`);
    const details = await readFulfilmentDetails(odoo, order);
    const { shipTo } = details;
    try {
      const fulfillment = await wms.createOrder({
        orderNumber: state.number,
        warehouseCode: details.warehouseCode,
        shipTo: {
          name: shipTo.name ?? state.number,
          street1: shipTo.street1,
          ...(shipTo.street2 ? { street2: shipTo.street2 } : {}),
          city: shipTo.city,
          state: shipTo.state ?? '',
          postalCode: shipTo.postalCode,
          country: shipTo.country,
          ...(shipTo.phone ? { phone: shipTo.phone } : {}),
          ...(shipTo.email ? { email: shipTo.email } : {}),
        },
        lines: details.lines,
      });
      return {
        kind: 'done',
        facts: { wmsOrderId: fulfillment.wmsOrderId, warehouseCode: details.warehouseCode },
      };
    } catch (error) {
      if (error instanceof WmsValidationError)
        throw new StepFailure('WMS_REJECTED', error.message, { cause: error });
      throw error;
    }
  },
};
