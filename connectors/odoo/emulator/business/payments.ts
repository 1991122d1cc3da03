/**
 * Registering customer payments, after account/wizard/account_payment_register.py (`default_get`,
 * `_get_batches`, `_create_payments`, `action_create_payments`) and account/models/account_payment.py
 * (states draft → in_process → paid).
 *
 * Odoo Community (no accounting app) marks an invoice `paid` as soon as payments cover it
 * (`_get_invoice_in_payment_state` returns 'paid'); `in_payment` only exists with bank reconciliation in
 * Enterprise. The emulator behaves as Community: partial → `partial`, covered → `paid`; a payment stays
 * `in_process` until all its invoices are paid, then becomes `paid`.
 * Simplification: no journal items or reconciliation records; allocations go oldest due date first.
 */
import type { Env, StoredRecord } from '../orm/model-def.js';
import { UserError } from '../orm/exceptions.js';
import { nextByCode } from './sequence.js';
import { m2o, num, roundMoney, setIds, str, today, x2m } from './values.js';

/** The invoices the wizard's context points at (active_model / active_ids), checked as Odoo's default_get. */
export function contextInvoices(env: Env): number[] {
  const activeIds = x2m(env.context.active_ids);
  let moveIds: number[];
  if (env.context.active_model === 'account.move') moveIds = activeIds;
  else if (env.context.active_model === 'account.move.line') {
    moveIds = [...new Set(activeIds.map((id) => m2o(env.get('account.move.line', id).move_id) || 0))];
  } else {
    throw new UserError(
      'The register payment wizard should only be called on account.move or account.move.line records.',
    );
  }
  return openInvoices(env, moveIds);
}

function openInvoices(env: Env, moveIds: number[]): number[] {
  for (const id of moveIds) {
    if (env.get('account.move', id).state !== 'posted') {
      throw new UserError('You can only register payment for posted journal entries.');
    }
  }
  const open = moveIds.filter((id) => roundMoney(num(env.get('account.move', id).amount_residual)) > 0);
  if (open.length === 0) {
    throw new UserError(
      "You can't register a payment because there is nothing left to pay on the selected journal items.",
    );
  }
  return open;
}

export function commercialPartner(env: Env, partnerId: number | false): number | false {
  let id = partnerId;
  for (let depth = 0; id && depth < 10; depth += 1) {
    const partner = env.get('res.partner', id);
    const parent = m2o(partner.parent_id);
    if (!parent || partner.is_company === true) return id;
    id = parent;
  }
  return id;
}

export function bankJournal(env: Env): number {
  const [id] = env.search('account.journal', [['type', 'in', ['bank', 'cash']]], {
    limit: 1,
    order: 'sequence, id',
  });
  if (id === undefined) return env.create('account.journal', { name: 'Bank', code: 'BNK1', type: 'bank' });
  return id;
}

export function residualOf(env: Env, moveIds: number[]): number {
  return roundMoney(moveIds.reduce((s, id) => s + num(env.get('account.move', id).amount_residual), 0));
}

/** The invoices a saved wizard pays: its line_ids' invoices, else the call's context. */
function wizardInvoices(env: Env, wizard: StoredRecord): number[] {
  const fromLines = [
    ...new Set(x2m(wizard.line_ids).map((id) => m2o(env.get('account.move.line', id).move_id) || 0)),
  ];
  return fromLines.length > 0 ? openInvoices(env, fromLines.filter(Boolean)) : contextInvoices(env);
}

function paymentStateOf(move: StoredRecord): string {
  const residual = roundMoney(num(move.amount_residual));
  if (residual <= 0) return 'paid';
  return residual < roundMoney(num(move.amount_total)) ? 'partial' : 'not_paid';
}

/** Allocates `amount` over invoices (oldest due first); `writeOff` settles what remains. */
function allocate(env: Env, paymentId: number, invoices: number[], amount: number, writeOff: boolean): void {
  const ordered = [...invoices].sort((a, b) => {
    const ma = env.get('account.move', a);
    const mb = env.get('account.move', b);
    return str(ma.invoice_date_due).localeCompare(str(mb.invoice_date_due)) || a - b;
  });
  let left = amount;
  for (const id of ordered) {
    const move = env.get('account.move', id);
    const residual = roundMoney(num(move.amount_residual));
    const applied = writeOff ? residual : Math.min(residual, left);
    left = roundMoney(left - Math.min(residual, left));
    const next = { ...move, amount_residual: roundMoney(residual - applied) };
    env.write('account.move', [id], {
      amount_residual: next.amount_residual,
      payment_state: paymentStateOf(next),
      matched_payment_ids: setIds([...x2m(move.matched_payment_ids), paymentId]),
    });
  }
}

/** A payment is paid once every invoice it pays is (account.payment `_compute_state`). */
export function refreshPaymentStates(env: Env, invoices: number[]): void {
  const payments = new Set(invoices.flatMap((id) => x2m(env.get('account.move', id).matched_payment_ids)));
  for (const id of payments) {
    const payment = env.get('account.payment', id);
    if (payment.state !== 'in_process') continue;
    const all = x2m(payment.invoice_ids);
    if (all.length > 0 && all.every((m) => env.get('account.move', m).payment_state === 'paid')) {
      env.write('account.payment', [id], { state: 'paid' });
    }
  }
}

function createPayment(env: Env, wizard: StoredRecord, invoices: number[], amount: number): number {
  const journalId = m2o(wizard.journal_id) || bankJournal(env);
  const date = str(wizard.payment_date) || today(env);
  const code = str(env.get('account.journal', journalId).code) || 'BNK1';
  const first = env.get('account.move', invoices[0]!);
  const memo =
    str(wizard.communication) ||
    invoices
      .map(
        (id) => str(env.get('account.move', id).payment_reference) || str(env.get('account.move', id).name),
      )
      .join(' ');
  return env.create('account.payment', {
    name: nextByCode(
      env,
      `account.payment.${journalId}.${date.slice(0, 4)}`,
      `P${code}/${date.slice(0, 4)}/`,
    ),
    date,
    amount: roundMoney(amount),
    payment_type: 'inbound',
    partner_type: 'customer',
    memo,
    journal_id: journalId,
    currency_id: m2o(wizard.currency_id) || m2o(first.currency_id),
    partner_id: commercialPartner(env, m2o(first.partner_id)),
    invoice_ids: setIds(invoices),
    state: 'in_process',
  });
}

/** account.payment.register.action_create_payments. */
export function createPayments(env: Env, wizardIds: number[]): unknown {
  const created: number[] = [];
  for (const wizardId of wizardIds) {
    const wizard = env.get('account.payment.register', wizardId);
    const invoices = wizardInvoices(env, wizard);
    const batches = new Map<string, number[]>();
    for (const id of invoices) {
      const move = env.get('account.move', id);
      const key = `${commercialPartner(env, m2o(move.partner_id))}/${m2o(move.currency_id)}`;
      batches.set(key, [...(batches.get(key) ?? []), id]);
    }
    const editMode = batches.size === 1 && (invoices.length === 1 || wizard.group_payment !== false);
    if (editMode) {
      const amount = roundMoney(num(wizard.amount));
      if (amount <= 0) throw new UserError('The payment amount cannot be negative.');
      const paymentId = createPayment(env, wizard, invoices, amount);
      allocate(env, paymentId, invoices, amount, wizard.payment_difference_handling === 'reconcile');
      created.push(paymentId);
    } else {
      const groups = wizard.group_payment === false ? invoices.map((id) => [id]) : [...batches.values()];
      for (const group of groups) {
        const paymentId = createPayment(
          env,
          { ...wizard, communication: false },
          group,
          residualOf(env, group),
        );
        allocate(env, paymentId, group, residualOf(env, group), false);
        created.push(paymentId);
      }
    }
    refreshPaymentStates(env, invoices);
  }
  if (env.context.dont_redirect_to_payments) return true;
  const action = {
    name: 'Payments',
    type: 'ir.actions.act_window',
    res_model: 'account.payment',
    context: { create: false },
  };
  if (created.length === 1) return { ...action, view_mode: 'form', res_id: created[0] };
  return { ...action, view_mode: 'list,form', domain: [['id', 'in', created]] };
}
