/**
 * Customer invoices from sale orders and their posting, after sale/models/sale_order.py
 * (`_create_invoices`, `_get_invoiceable_lines`, `_prepare_invoice`), sale.order.line
 * (`_prepare_invoice_line`, `_compute_qty_invoiced`: draft and posted invoices count, cancelled ones not)
 * and account/models/account_move.py (`action_post`, `button_cancel`, `button_draft`).
 *
 * Simplifications: invoices hold only product lines (no receivable, tax or payment term journal items);
 * no down payments; no credit notes from orders; numbers come from one sequence per journal and year.
 */
import type { Env, StoredRecord } from '../orm/model-def.js';
import { UserError } from '../orm/exceptions.js';
import { lineAmounts, sumAmounts } from './amounts.js';
import { qtyToInvoice, refreshOrder } from './order-status.js';
import { nextByCode } from './sequence.js';
import { addDays, children, m2o, num, qtyIsZero, roundQty, setIds, str, today, x2m } from './values.js';

export const NOTHING_TO_INVOICE =
  'Cannot create an invoice. No items are available to invoice.\n\n' +
  'To resolve this issue, please ensure that:\n' +
  '   \u2022 The products have been delivered before attempting to invoice them.\n' +
  '   \u2022 The invoicing policy of the product is configured correctly.\n\n' +
  'If you want to invoice based on ordered quantities instead:\n' +
  "   \u2022 For consumable or storable products, open the product, go to the 'General Information' tab and change the 'Invoicing Policy' from 'Delivered Quantities' to 'Ordered Quantities'.\n" +
  "   \u2022 For services (and other products), change the 'Invoicing Policy' to 'Prepaid/Fixed Price'.\n";

export function saleJournal(env: Env): number {
  const [id] = env.search('account.journal', [['type', '=', 'sale']], { limit: 1, order: 'sequence, id' });
  if (id === undefined)
    return env.create('account.journal', { name: 'Customer Invoices', code: 'INV', type: 'sale' });
  return id;
}

/** Recomputes an invoice's stored totals; the residual follows the total until it is posted. */
export function refreshMove(env: Env, moveId: number): void {
  const move = env.get('account.move', moveId);
  const lines = children(env, 'account.move', moveId, 'invoice_line_ids').map((id) =>
    env.get('account.move.line', id),
  );
  const t = sumAmounts(lines.map((l) => lineAmounts(env, l, 'quantity')));
  const vals: Record<string, unknown> = {
    amount_untaxed: t.untaxed,
    amount_tax: t.tax,
    amount_total: t.total,
  };
  if (move.state === 'draft') vals.amount_residual = t.total;
  const changed = Object.fromEntries(Object.entries(vals).filter(([k, v]) => move[k] !== v));
  if (Object.keys(changed).length > 0) env.write('account.move', [moveId], changed);
}

/** sale.order.line `qty_invoiced` from its invoice lines (refunds subtract, cancelled invoices don't count). */
export function refreshQtyInvoiced(env: Env, saleLineId: number): void {
  let qty = 0;
  for (const amlId of x2m(env.get('sale.order.line', saleLineId).invoice_lines)) {
    const aml = env.get('account.move.line', amlId);
    const move = env.get('account.move', m2o(aml.move_id) as number);
    if (move.state === 'cancel') continue;
    if (move.move_type === 'out_invoice') qty += num(aml.quantity);
    if (move.move_type === 'out_refund') qty -= num(aml.quantity);
  }
  const line = env.get('sale.order.line', saleLineId);
  if (num(line.qty_invoiced) !== roundQty(qty))
    env.write('sale.order.line', [saleLineId], { qty_invoiced: roundQty(qty) });
}

function ordersOfMoves(env: Env, moveIds: number[]): Set<number> {
  const orders = new Set<number>();
  for (const moveId of moveIds) {
    for (const amlId of children(env, 'account.move', moveId, 'invoice_line_ids')) {
      for (const solId of x2m(env.get('account.move.line', amlId).sale_line_ids)) {
        refreshQtyInvoiced(env, solId);
        const order = m2o(env.get('sale.order.line', solId).order_id);
        if (order) orders.add(order);
      }
    }
  }
  return orders;
}

interface InvoiceGroup {
  key: string;
  orders: StoredRecord[];
  lines: { line: StoredRecord; qty: number }[];
}

/** sale.order `_create_invoices`: one draft invoice per customer/invoice address/delivery address/currency. */
export function createInvoices(env: Env, orderIds: number[], consolidated: boolean): number[] {
  const groups = new Map<string, InvoiceGroup>();
  for (const orderId of orderIds) {
    const order = env.get('sale.order', orderId);
    const lines = children(env, 'sale.order', orderId, 'order_line')
      .map((id) => env.get('sale.order.line', id))
      .filter((l) => !l.display_type)
      .map((line) => ({ line, qty: qtyToInvoice(env, line) }))
      .filter((t) => !qtyIsZero(t.qty) && t.qty > 0);
    if (lines.length === 0) continue;
    const key = consolidated
      ? [m2o(order.partner_invoice_id), m2o(order.partner_shipping_id), m2o(order.currency_id)].join('/')
      : `order/${orderId}`;
    const group = groups.get(key) ?? { key, orders: [], lines: [] };
    group.orders.push(order);
    group.lines.push(...lines);
    groups.set(key, group);
  }
  if (groups.size === 0 && env.context.raise_if_nothing_to_invoice !== false)
    throw new UserError(NOTHING_TO_INVOICE);
  const journal = saleJournal(env);
  const moveIds: number[] = [];
  for (const group of groups.values()) {
    const first = group.orders[0]!;
    const refs = [...new Set(group.orders.map((o) => str(o.client_order_ref)))].filter(Boolean);
    const moveId = env.create('account.move', {
      move_type: 'out_invoice',
      partner_id: m2o(first.partner_invoice_id) || m2o(first.partner_id),
      partner_shipping_id: m2o(first.partner_shipping_id),
      currency_id: m2o(first.currency_id),
      journal_id: journal,
      invoice_origin: group.orders.map((o) => str(o.name)).join(', '),
      ref: refs.join(', ') || false,
      invoice_payment_term_id: m2o(first.payment_term_id),
      invoice_user_id: m2o(first.user_id),
      narration: first.note || false,
    });
    let sequence = 10;
    for (const { line, qty } of group.lines) {
      const amlId = env.create('account.move.line', {
        move_id: moveId,
        sequence: sequence++,
        display_type: 'product',
        product_id: line.product_id,
        name: line.name,
        quantity: qty,
        product_uom_id: line.product_uom_id,
        price_unit: line.price_unit,
        discount: line.discount,
        tax_ids: setIds(x2m(line.tax_ids)),
        sale_line_ids: setIds([line.id]),
      });
      env.write('sale.order.line', [line.id], { invoice_lines: setIds([...x2m(line.invoice_lines), amlId]) });
      refreshQtyInvoiced(env, line.id);
    }
    refreshMove(env, moveId);
    for (const order of group.orders) {
      const current = x2m(env.get('sale.order', order.id).invoice_ids);
      env.write('sale.order', [order.id], { invoice_ids: setIds([...current, moveId]) });
    }
    moveIds.push(moveId);
  }
  for (const orderId of orderIds) refreshOrder(env, orderId);
  return moveIds;
}

function dueDate(env: Env, move: StoredRecord, invoiceDate: string): string {
  const term = m2o(move.invoice_payment_term_id);
  if (!term) return str(move.invoice_date_due) || invoiceDate;
  const days = children(env, 'account.payment.term', term, 'line_ids').map((id) =>
    num(env.get('account.payment.term.line', id).nb_days),
  );
  return addDays(invoiceDate, days.length > 0 ? Math.max(...days) : 0);
}

/** account.move.action_post: numbers the invoice, dates it, and opens its residual. Returns false like Odoo. */
export function postMoves(env: Env, ids: number[]): false {
  for (const id of ids) {
    const move = env.get('account.move', id);
    if (move.state === 'posted')
      throw new UserError(`The entry ${str(move.name)} (id ${id}) is already posted.`);
    if (move.state !== 'draft') throw new UserError('Only draft journal entries can be posted.');
    if (children(env, 'account.move', id, 'invoice_line_ids').length === 0) {
      throw new UserError('You need to add a line before posting.');
    }
    if (!m2o(move.partner_id)) {
      throw new UserError(
        "The field 'Customer' is required, please complete it to validate the Customer Invoice.",
      );
    }
  }
  for (const id of ids) {
    refreshMove(env, id);
    const move = env.get('account.move', id);
    const invoiceDate = str(move.invoice_date) || today(env);
    const journalId = m2o(move.journal_id) || saleJournal(env);
    const code = str(env.get('account.journal', journalId).code) || 'INV';
    const year = invoiceDate.slice(0, 4);
    const name =
      str(move.name) && move.name !== '/'
        ? str(move.name)
        : nextByCode(env, `account.move.${journalId}.${year}`, `${code}/${year}/`);
    env.write('account.move', [id], {
      state: 'posted',
      name,
      journal_id: journalId,
      invoice_date: invoiceDate,
      date: invoiceDate,
      invoice_date_due: dueDate(env, move, invoiceDate),
      payment_reference: move.payment_reference || name,
      amount_residual: move.amount_total,
      payment_state: 'not_paid',
    });
  }
  return false;
}

function hasPayments(env: Env, move: StoredRecord): boolean {
  return num(move.amount_residual) !== num(move.amount_total) || x2m(move.matched_payment_ids).length > 0;
}

/** account.move.button_draft: a posted or cancelled entry back to draft (refused once paid: simplification). */
export function draftMoves(env: Env, ids: number[]): void {
  for (const id of ids) {
    const move = env.get('account.move', id);
    if (move.state !== 'posted' && move.state !== 'cancel') {
      throw new UserError('Only posted/cancelled journal entries can be reset to draft.');
    }
    if (hasPayments(env, move)) {
      throw new UserError('You cannot reset to draft an entry having payments: unreconcile it first.');
    }
  }
  env.write('account.move', ids, { state: 'draft', payment_state: 'not_paid' });
  for (const id of ids) refreshMove(env, id);
  for (const order of ordersOfMoves(env, ids)) refreshOrder(env, order);
}

/** account.move.button_cancel: posted entries are reset to draft first, then cancelled. */
export function cancelMoves(env: Env, ids: number[]): void {
  const posted = ids.filter((id) => env.get('account.move', id).state === 'posted');
  if (posted.length > 0) draftMoves(env, posted);
  if (ids.some((id) => env.get('account.move', id).state !== 'draft')) {
    throw new UserError('Only draft journal entries can be cancelled.');
  }
  env.write('account.move', ids, { state: 'cancel' });
  for (const order of ordersOfMoves(env, ids)) refreshOrder(env, order);
}

/** The window action Odoo's `action_view_invoice` returns after creating invoices. */
export function invoiceAction(moveIds: number[]): Record<string, unknown> {
  const base = {
    name: 'Invoices',
    type: 'ir.actions.act_window',
    res_model: 'account.move',
    context: { default_move_type: 'out_invoice' },
  };
  if (moveIds.length === 1)
    return { ...base, views: [[false, 'form']], view_mode: 'form', res_id: moveIds[0] };
  return {
    ...base,
    views: [
      [false, 'list'],
      [false, 'form'],
    ],
    view_mode: 'list,form',
    domain: [['id', 'in', moveIds]],
  };
}
