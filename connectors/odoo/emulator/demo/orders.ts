/**
 * The order history: each order gets a target fate (quotation, sent, cancelled, waiting, partially or
 * fully delivered, invoiced open or overdue, partially paid, paid) and the dated events that lead there,
 * all through public business methods: action_quotation_sent, action_confirm, button_validate (with a
 * short pick written on a move for partial deliveries), the sale.advance.payment.inv wizard,
 * action_post and the account.payment.register wizard.
 */
import type { Env } from '../orm/model-def.js';
import type { Catalog } from './catalog.js';
import type { Customer } from './customers.js';
import type { Timeline } from './timeline.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

type Fate =
  | 'draft'
  | 'sent'
  | 'cancel'
  | 'waiting'
  | 'partial'
  | 'delivered'
  | 'invoice_draft'
  | 'open'
  | 'overdue'
  | 'partial_paid'
  | 'paid';

const FATES: [Fate, number][] = [
  ['draft', 0.06],
  ['sent', 0.06],
  ['cancel', 0.06],
  ['waiting', 0.08],
  ['partial', 0.05],
  ['delivered', 0.06],
  ['invoice_draft', 0.03],
  ['open', 0.14],
  ['overdue', 0.1],
  ['partial_paid', 0.08],
  ['paid', 0.28],
];

/** How many days before "now" an order of a fate is created (min, max). */
const AGE: Record<Fate, [number, number]> = {
  draft: [1, 14],
  sent: [1, 20],
  cancel: [3, 170],
  waiting: [1, 5],
  partial: [4, 30],
  delivered: [3, 20],
  invoice_draft: [3, 12],
  open: [5, 25],
  overdue: [50, 150],
  partial_paid: [35, 120],
  paid: [20, 178],
};

interface OrderState {
  id: number;
}

function fateOf(r: number): Fate {
  let acc = 0;
  for (const [fate, weight] of FATES) {
    acc += weight;
    if (r < acc) return fate;
  }
  return 'paid';
}

const ids = (env: Env, model: string, domain: [string, string, unknown][]): number[] =>
  env.search(model, domain, { order: 'id' });

function openPickings(env: Env, orderId: number): number[] {
  return ids(env, 'stock.picking', [
    ['sale_id', '=', orderId],
    ['state', 'in', ['confirmed', 'assigned', 'waiting']],
  ]);
}

/** Validates what is reserved; with `shortPick`, the first move ships only half of what it holds. */
function deliver(env: Env, orderId: number, shortPick: boolean): void {
  for (const picking of openPickings(env, orderId)) {
    env.call('stock.picking', 'action_assign', [picking], {});
    const moves = ids(env, 'stock.move', [['picking_id', '=', picking]]).map((m) => env.get('stock.move', m));
    if (moves.every((m) => !(typeof m.quantity === 'number' && m.quantity > 0))) continue;
    const first = moves.find((m) => typeof m.quantity === 'number' && m.quantity >= 2);
    if (shortPick && first)
      env.write('stock.move', [first.id], { quantity: Math.floor((first.quantity as number) / 2) });
    env.call('stock.picking', 'button_validate', [picking], {});
  }
}

function invoice(env: Env, orderId: number, post: boolean): number[] {
  if (env.get('sale.order', orderId).invoice_status !== 'to invoice') return [];
  const wizard = env.create('sale.advance.payment.inv', {
    advance_payment_method: 'delivered',
    sale_order_ids: [[6, 0, [orderId]]],
  });
  const action = env.call('sale.advance.payment.inv', 'create_invoices', [wizard], {}) as {
    res_id?: number;
    domain?: [string, string, number[]][];
  };
  const moves = action.res_id ? [action.res_id] : (action.domain?.[0]?.[2] ?? []);
  if (post && moves.length > 0) env.call('account.move', 'action_post', moves, {});
  return moves;
}

function pay(env: Env, moveId: number, share: number): void {
  const move = env.get('account.move', moveId);
  if (move.state !== 'posted' || move.payment_state === 'paid') return;
  const ctx = env.withContext({ active_model: 'account.move', active_ids: [moveId] });
  const residual = typeof move.amount_residual === 'number' ? move.amount_residual : 0;
  const amount = share >= 1 ? residual : Math.round(residual * share * 100) / 100;
  const wizard = ctx.create('account.payment.register', { amount });
  ctx.call('account.payment.register', 'action_create_payments', [wizard], {});
}

export interface OrderPlanOptions {
  count: number;
  anchor: number;
  /** Confirmed orders, whose deliveries the weekly replenishment re-checks. */
  confirmed: Set<number>;
}

/** Schedules `count` orders on the timeline. */
export function planOrders(
  env: Env,
  timeline: Timeline,
  rnd: () => number,
  catalog: Catalog,
  customers: Customer[],
  opts: OrderPlanOptions,
): void {
  const goods = catalog.products.filter((p) => p.storable);
  const services = catalog.products.filter((p) => !p.storable);
  const between = (min: number, max: number): number => min + rnd() * (max - min);
  for (let i = 0; i < opts.count; i += 1) {
    const fate = fateOf(rnd());
    const customer = customers[Math.floor(rnd() * customers.length)]!;
    const warehouse =
      catalog.warehouses[rnd() < 0.9 ? customer.warehouse : Math.floor(rnd() * catalog.warehouses.length)]!;
    const term = catalog.terms[customer.termIndex]!;
    const [minAge, maxAge] = AGE[fate];
    let t = opts.anchor - Math.round(between(minAge, maxAge)) * DAY + Math.round(between(8, 17) * HOUR);
    const lines = Array.from({ length: 1 + Math.floor(rnd() * 5) }, () => {
      const p = goods[Math.floor(rnd() * goods.length)]!;
      const max = p.uom === 'kg' ? 40 : p.uom === 'box' ? 10 : 24;
      return [0, 0, { product_id: p.id, product_uom_qty: 1 + Math.floor(rnd() * max) }];
    });
    if (services.length > 0 && rnd() < 0.08)
      lines.push([0, 0, { product_id: services[0]!.id, product_uom_qty: 1 }]);
    const ref = rnd() < 0.75 ? `PO-${String(10000 + Math.floor(rnd() * 89999))}` : false;
    const o: OrderState = { id: 0 };
    timeline.add(t, () => {
      o.id = env.create('sale.order', {
        partner_id: customer.id,
        client_order_ref: ref,
        warehouse_id: warehouse.id,
        payment_term_id: term.id,
        order_line: lines,
      });
    });
    if (fate === 'draft') continue;
    if (fate === 'sent' || rnd() < 0.6)
      timeline.add((t += 2 * HOUR), () => env.call('sale.order', 'action_quotation_sent', [o.id], {}));
    if (fate === 'sent') continue;
    const cancelEarly = fate === 'cancel' && rnd() < 0.5;
    if (!cancelEarly)
      timeline.add((t += Math.round(between(3, 30) * HOUR)), () => {
        env.call('sale.order', 'action_confirm', [o.id], {});
        opts.confirmed.add(o.id);
      });
    if (fate === 'cancel') {
      timeline.add(t + Math.round(between(1, 4) * DAY), () => {
        // Through the cancel wizard when Odoo asks for it, as the UI (and a careful client) does.
        const result = env.call('sale.order', 'action_cancel', [o.id], {});
        if (result !== true) {
          const wizard = env.create('sale.order.cancel', { order_id: o.id });
          env.call('sale.order.cancel', 'action_cancel', [wizard], {});
        }
      });
      continue;
    }
    if (fate === 'waiting') continue;
    timeline.add((t += Math.round(between(1, 3) * DAY)), () => deliver(env, o.id, fate === 'partial'));
    if (fate === 'partial') continue;
    timeline.add((t += Math.round(between(2, 5) * DAY)), () => deliver(env, o.id, false));
    if (fate === 'delivered') continue;
    const invoices: number[] = [];
    timeline.add((t += Math.round(between(2, 20) * HOUR)), () =>
      invoices.push(...invoice(env, o.id, fate !== 'invoice_draft')),
    );
    if (fate === 'invoice_draft' || fate === 'open' || fate === 'overdue') continue;
    if (fate === 'partial_paid') {
      const share = between(0.3, 0.7);
      timeline.add(t + Math.round(between(10, 25) * DAY), () => invoices.forEach((m) => pay(env, m, share)));
      continue;
    }
    const days = Math.max(1, Math.round(term.days * between(0.2, 1.1)));
    const latest = Math.floor((opts.anchor - t) / DAY) - 1;
    const payAt = t + Math.min(days, Math.max(1, latest)) * DAY;
    if (rnd() < 0.2) {
      timeline.add(t + Math.round((payAt - t) / 2), () => invoices.forEach((m) => pay(env, m, 0.5)));
    }
    timeline.add(payAt, () => invoices.forEach((m) => pay(env, m, 1)));
  }
}
