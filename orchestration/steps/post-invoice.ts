import type { OdooClient } from '../../connectors/odoo/client.js';
import type { StepDefinition } from '../step-context.js';
import { readSaleOrder } from '../odoo-order.js';

async function customerInvoices(odoo: OdooClient, odooId: number) {
  const order = await readSaleOrder(odoo, odooId);
  const moves = await odoo.read('account.move', order.invoice_ids ?? [], ['state', 'move_type']);
  return moves.filter((m) => m.move_type === 'out_invoice' && m.state !== 'cancel');
}

/**
 * Invoices what was delivered (Odoo's "Create invoice" wizard, regular invoice) and posts it. Looks for
 * the order's invoices first: an invoice created by an attempt that crashed is posted, not created again;
 * a posted one ends the step.
 */
export const postInvoice: StepDefinition = {
  name: 'POST_INVOICE',
  async run({ state, odoo }) {
    let invoices = await customerInvoices(odoo, state.odooId);
    if (invoices.length === 0) {
      const context = { active_model: 'sale.order', active_ids: [state.odooId] };
      const [wizard] = await odoo.create(
        'sale.advance.payment.inv',
        [{ advance_payment_method: 'delivered', sale_order_ids: [[6, 0, [state.odooId]]] }],
        { context },
      );
      await odoo.callMethod('sale.advance.payment.inv', 'create_invoices', { ids: [wizard!], context });
      invoices = await customerInvoices(odoo, state.odooId);
    }
    const drafts = invoices.filter((m) => m.state === 'draft').map((m) => m.id);
    if (drafts.length > 0) await odoo.callMethod('account.move', 'action_post', { ids: drafts });
    return { kind: 'done', facts: { invoiceIds: invoices.map((m) => m.id) } };
  },
};
