import { WmsNotFoundError } from '../connectors/wms/errors.js';
import type { OrchestrationState } from '../platform/orchestration/orchestration-state.js';
import { readSaleOrder } from './odoo-order.js';
import type { StepServices } from './step-context.js';
import { StepFailure } from './step-failure.js';

/**
 * Undoes what the order's steps did, last first: voids the label, cancels the WMS order (releasing its
 * allocation), cancels the Odoo order (cancelling its delivery, which releases the reserved stock). A
 * step that was attempted counts as done: its effect may have committed before an answer was lost.
 * Every action is idempotent (a voided label, a cancelled WMS or Odoo order is left as it is), so the
 * whole compensation can run again after a crash. Returns what it did, for the record.
 */
export async function compensate(services: StepServices, state: OrchestrationState): Promise<string[]> {
  const { odoo, wms, carrier } = services;
  const attempted = (step: keyof OrchestrationState['steps']) => state.steps[step].attempts > 0;
  const actions: string[] = [];
  const shipmentId = state.facts.label?.carrierShipmentId ?? state.facts.selection?.carrierShipmentId;
  if (shipmentId && attempted('BUY_LABEL')) {
    const bought = await carrier.shipment(shipmentId);
    if (bought) {
      await carrier.refundShipment(shipmentId);
      actions.push(`label ${bought.trackingNumber} voided`);
    }
  }
  if (attempted('RELEASE_TO_WMS')) {
    try {
      await wms.cancelOrder(
        state.number,
        `Cancelled by Distribution Graph: ${state.failure?.code ?? 'failure'}`,
      );
      actions.push('WMS order cancelled');
    } catch (error) {
      // Never created (the WMS refused it): nothing to undo there.
      if (!(error instanceof WmsNotFoundError)) throw error;
    }
  }
  const order = await readSaleOrder(odoo, state.odooId).catch((error: unknown) => {
    if (error instanceof StepFailure && error.code === 'ORDER_NOT_FOUND') return null;
    throw error;
  });
  if (order && order.state !== 'cancel') {
    // `disable_cancel_warning`: cancel outright instead of answering the confirmation wizard's action.
    await odoo.callMethod('sale.order', 'action_cancel', {
      ids: [order.id],
      context: { disable_cancel_warning: true },
    });
    actions.push('Odoo order cancelled, stock released');
  }
  return actions;
}
