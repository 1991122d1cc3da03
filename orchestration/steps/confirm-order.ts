import type { StepDefinition } from '../step-context.js';
import { StepFailure } from '../step-failure.js';
import { readSaleOrder } from '../odoo-order.js';

/**
 * Confirms the sale order, which reserves its stock and creates its delivery. Idempotent by reading the
 * state first: after a confirmation whose answer was lost (timeout, crash) the order reads `sale`, and
 * action_confirm is not called again (Odoo would refuse it anyway).
 */
export const confirmOrder: StepDefinition = {
  name: 'CONFIRM_ORDER',
  async run({ state, odoo }) {
    const order = await readSaleOrder(odoo, state.odooId);
    if (order.state === 'cancel') throw new StepFailure('ORDER_CANCELLED', `${state.number} is cancelled`);
    if (order.state !== 'sale' && order.state !== 'done')
      await odoo.callMethod('sale.order', 'action_confirm', { ids: [order.id] });
    return { kind: 'done', facts: { confirmedInOdoo: true } };
  },
};
