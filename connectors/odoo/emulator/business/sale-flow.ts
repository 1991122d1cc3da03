/**
 * The sale order's life cycle, after sale/models/sale_order.py and sale_stock: quotation sent,
 * confirmation (which launches the delivery), cancellation (through the `sale.order.cancel` wizard unless
 * the context has `disable_cancel_warning`, as Odoo does for anything but a draft), back to draft, lock.
 */
import type { Env } from '../orm/model-def.js';
import { UserError } from '../orm/exceptions.js';
import { cancelPickings, launchDeliveries } from './delivery.js';
import { cancelMoves } from './invoicing.js';
import { refreshOrder } from './order-status.js';
import { children, m2o, str, x2m } from './values.js';

export function markSent(env: Env, ids: number[]): void {
  if (ids.some((id) => env.get('sale.order', id).state !== 'draft')) {
    throw new UserError('Only draft orders can be marked as sent directly.');
  }
  env.write('sale.order', ids, { state: 'sent' });
}

export function confirmOrders(env: Env, ids: number[]): true {
  for (const id of ids) {
    const order = env.get('sale.order', id);
    if (order.state !== 'draft' && order.state !== 'sent') {
      throw new UserError('Some orders are not in a state requiring confirmation.');
    }
    const lines = children(env, 'sale.order', id, 'order_line').map((l) => env.get('sale.order.line', l));
    if (lines.some((l) => !l.display_type && !l.is_downpayment && !m2o(l.product_id))) {
      throw new UserError('A line on these orders missing a product, you cannot confirm it.');
    }
    if (!m2o(order.warehouse_id)) throw new UserError('You must set a warehouse on the order to confirm it.');
  }
  env.write('sale.order', ids, { state: 'sale', date_order: env.now() });
  for (const id of ids) {
    launchDeliveries(env, id);
    refreshOrder(env, id);
  }
  return true;
}

/** sale.order.action_cancel: the cancel wizard's action for confirmed/sent orders, else cancels. */
export function cancelOrders(env: Env, ids: number[]): unknown {
  if (ids.some((id) => env.get('sale.order', id).locked === true)) {
    throw new UserError('You cannot cancel a locked order. Please unlock it first.');
  }
  const needsWizard =
    !env.context.disable_cancel_warning && ids.some((id) => env.get('sale.order', id).state !== 'draft');
  if (needsWizard) {
    const order = env.get('sale.order', ids[0]!);
    const typeName = order.state === 'sale' ? 'Sales Order' : 'Quotation';
    return {
      name: `Cancel ${typeName}`,
      view_mode: 'form',
      res_model: 'sale.order.cancel',
      view_id: false,
      type: 'ir.actions.act_window',
      context: { default_order_id: order.id, mark_so_as_canceled: true, model_description: typeName },
      target: 'new',
    };
  }
  for (const id of ids) {
    // sale_stock: deliveries not done are cancelled (reservations released); sale: draft invoices too.
    const pickings = children(env, 'sale.order', id, 'picking_ids').filter(
      (p) => env.get('stock.picking', p).state !== 'done',
    );
    if (pickings.length > 0) cancelPickings(env, pickings);
    const drafts = x2m(env.get('sale.order', id).invoice_ids).filter(
      (m) => env.get('account.move', m).state === 'draft',
    );
    if (drafts.length > 0) cancelMoves(env, drafts);
  }
  env.write('sale.order', ids, { state: 'cancel' });
  for (const id of ids) refreshOrder(env, id);
  return true;
}

export function resetToDraft(env: Env, ids: number[]): true {
  const orders = ids.filter((id) => ['cancel', 'sent'].includes(str(env.get('sale.order', id).state)));
  if (orders.length > 0) env.write('sale.order', orders, { state: 'draft' });
  for (const id of orders) refreshOrder(env, id);
  return true;
}
