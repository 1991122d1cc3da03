/**
 * Delivery orders: created when a sale order is confirmed (sale_stock `_action_launch_stock_rule`, one
 * outgoing picking from the warehouse's stock location to the customer location), reserved, validated and
 * cancelled (stock/models/stock_picking.py `action_assign`, `button_validate`, `action_cancel`).
 *
 * Simplifications: one step delivery (no pick/pack routes); quantities are in the product's unit;
 * `button_validate` with less done than demanded creates the backorder directly (Odoo's default choice in
 * its backorder wizard) instead of returning the wizard's action, or cancels the rest when the context
 * has `cancel_backorder` (the wizard's "No Backorder"); done moves do not create quants at the customer.
 */
import type { Env, StoredRecord } from '../orm/model-def.js';
import { UserError } from '../orm/exceptions.js';
import { virtualLocation } from './locations.js';
import { refreshOrder } from './order-status.js';
import {
  refreshPickingState,
  releaseReservation,
  reservedOf,
  reserveMove,
  setMoveLine,
  tracksInventory,
  unreserveMove,
} from './reservation.js';
import { nextByCode } from './sequence.js';
import { children, internal, m2o, num, roundQty, str } from './values.js';

function pickingName(env: Env, pickingTypeId: number): string {
  const type = env.get('stock.picking.type', pickingTypeId);
  const wh = m2o(type.warehouse_id);
  const code = wh ? str(env.get('stock.warehouse', wh).code) : 'WH';
  return nextByCode(
    env,
    `stock.picking.type.${pickingTypeId}`,
    `${code}/${str(type.sequence_code) || 'OUT'}/`,
  );
}

/** Creates (and tries to reserve) the delivery of a confirmed order's goods lines. */
export function launchDeliveries(env: Env, orderId: number): number | false {
  const order = env.get('sale.order', orderId);
  const warehouseId = m2o(order.warehouse_id);
  if (!warehouseId) throw new UserError('You must set a warehouse on the order to deliver its products.');
  const wh = env.get('stock.warehouse', warehouseId);
  const typeId = m2o(wh.out_type_id);
  const source = m2o(wh.lot_stock_id);
  if (!typeId || !source) throw new UserError(`Warehouse ${str(wh.name)} has no delivery operation type.`);
  const lines = children(env, 'sale.order', orderId, 'order_line')
    .map((id) => env.get('sale.order.line', id))
    .filter((l) => !l.display_type && m2o(l.product_id))
    .filter((l) => env.get('product.product', m2o(l.product_id) as number).type === 'consu');
  const todo = lines
    .map((l) => ({ line: l, qty: roundQty(num(l.product_uom_qty) - plannedQty(env, l.id)) }))
    .filter((t) => t.qty > 0.005);
  if (todo.length === 0) return false;
  const dest = virtualLocation(env, 'customer');
  const now = env.now();
  const pickingId = env.create('stock.picking', {
    name: pickingName(env, typeId),
    origin: order.name,
    partner_id: m2o(order.partner_shipping_id) || m2o(order.partner_id),
    picking_type_id: typeId,
    location_id: source,
    location_dest_id: dest,
    scheduled_date: order.commitment_date || now,
    move_type: order.picking_policy || 'direct',
    sale_id: orderId,
    state: 'draft',
  });
  for (const { line, qty } of todo) {
    env.create('stock.move', {
      name: line.name,
      product_id: line.product_id,
      product_uom_qty: qty,
      product_uom_id: line.product_uom_id,
      quantity: 0,
      state: 'confirmed',
      picking_id: pickingId,
      sale_line_id: line.id,
      location_id: source,
      location_dest_id: dest,
      origin: order.name,
      partner_id: m2o(order.partner_shipping_id) || false,
      date: now,
    });
  }
  for (const moveId of children(env, 'stock.picking', pickingId, 'move_ids')) reserveMove(env, moveId);
  refreshPickingState(env, pickingId);
  return pickingId;
}

/** Quantity already planned in moves that are not cancelled (so re-confirming does not double it). */
function plannedQty(env: Env, lineId: number): number {
  return env
    .search('stock.move', [
      ['sale_line_id', '=', lineId],
      ['state', '!=', 'cancel'],
    ])
    .reduce((sum, id) => sum + num(env.get('stock.move', id).product_uom_qty), 0);
}

function movesOf(env: Env, pickingId: number): StoredRecord[] {
  return children(env, 'stock.picking', pickingId, 'move_ids').map((id) => env.get('stock.move', id));
}

/** stock.picking.action_confirm: draft moves become confirmed. */
export function confirmPickings(env: Env, ids: number[]): void {
  for (const id of ids) {
    for (const move of movesOf(env, id))
      if (move.state === 'draft') internal(env).write('stock.move', [move.id], { state: 'confirmed' });
    refreshPickingState(env, id);
  }
}

/** stock.picking.action_assign. */
export function assignPickings(env: Env, ids: number[]): void {
  confirmPickings(
    env,
    ids.filter((id) => env.get('stock.picking', id).state === 'draft'),
  );
  for (const id of ids) {
    const moves = movesOf(env, id);
    if (moves.length === 0) throw new UserError('Nothing to check the availability for.');
    for (const move of moves) reserveMove(env, move.id);
    refreshPickingState(env, id);
  }
}

export function unreservePickings(env: Env, ids: number[]): void {
  for (const id of ids) {
    if (env.get('stock.picking', id).state === 'done') {
      throw new UserError("You cannot unreserve a stock move that has been set to 'Done'.");
    }
    for (const move of movesOf(env, id)) unreserveMove(env, move.id);
    refreshPickingState(env, id);
  }
}

/** stock.picking.action_cancel: open moves are unreserved and cancelled; done pickings stay done. */
export function cancelPickings(env: Env, ids: number[]): void {
  const orders = new Set<number>();
  for (const id of ids) {
    for (const move of movesOf(env, id)) {
      if (move.state === 'done' || move.state === 'cancel') continue;
      unreserveMove(env, move.id);
      internal(env).write('stock.move', [move.id], { state: 'cancel', quantity: 0 });
    }
    refreshPickingState(env, id);
    const sale = m2o(env.get('stock.picking', id).sale_id);
    if (sale) orders.add(sale);
  }
  for (const orderId of orders) refreshOrder(env, orderId);
}

/** Takes `qty` out of the quants of a location: reserved units first, then free ones. */
function consumeQuants(env: Env, productId: number, locationId: number, qty: number, reserved: number): void {
  releaseReservation(env, productId, locationId, Math.min(qty, reserved));
  let left = qty;
  const quantIds = env.search('stock.quant', [
    ['product_id', '=', productId],
    ['location_id', '=', locationId],
  ]);
  const quants = quantIds
    .map((id) => env.get('stock.quant', id))
    .sort((a, b) => num(b.quantity) - num(a.quantity));
  for (const quant of quants) {
    if (left <= 0.005) break;
    const take = Math.min(Math.max(num(quant.quantity), 0), left);
    if (take <= 0) continue;
    env.write('stock.quant', [quant.id], { quantity: roundQty(num(quant.quantity) - take) });
    left = roundQty(left - take);
  }
  if (left > 0.005) {
    // Delivering more than is on hand drives the quant negative, as Odoo allows.
    const [first] = quants;
    if (first)
      env.write('stock.quant', [first.id], {
        quantity: roundQty(num(env.get('stock.quant', first.id).quantity) - left),
      });
    else env.create('stock.quant', { product_id: productId, location_id: locationId, quantity: -left });
  }
}

function doneMove(env: Env, move: StoredRecord, done: number): void {
  const productId = m2o(move.product_id) as number;
  if (tracksInventory(env, productId)) {
    consumeQuants(env, productId, m2o(move.location_id) || 0, done, reservedOf(env, move.id));
  }
  setMoveLine(env, move, done, { picked: true });
  internal(env).write('stock.move', [move.id], {
    product_uom_qty: done,
    quantity: done,
    state: 'done',
    picked: true,
    date: env.now(),
  });
  const lineId = m2o(move.sale_line_id);
  if (lineId) {
    const line = env.get('sale.order.line', lineId);
    env.write('sale.order.line', [lineId], { qty_delivered: roundQty(num(line.qty_delivered) + done) });
  }
}

/** stock.picking.button_validate. */
export function validatePickings(env: Env, ids: number[]): true {
  for (const id of ids) {
    const picking = env.get('stock.picking', id);
    if (picking.state === 'done' || picking.state === 'cancel') {
      throw new UserError(`The transfer ${str(picking.name)} is already done or cancelled.`);
    }
    const moves = movesOf(env, id).filter((m) => m.state !== 'cancel' && m.state !== 'done');
    if (moves.length === 0 || moves.every((m) => num(m.quantity) <= 0.005)) {
      throw new UserError(
        'You cannot validate a transfer if no quantities are reserved nor done. To force the transfer, encode quantities.',
      );
    }
  }
  const cancelRest = env.context.cancel_backorder === true;
  for (const id of ids) {
    const picking = env.get('stock.picking', id);
    const rest: { move: StoredRecord; qty: number }[] = [];
    for (const move of movesOf(env, id).filter((m) => m.state !== 'cancel' && m.state !== 'done')) {
      const done = num(move.quantity);
      const remaining = roundQty(num(move.product_uom_qty) - done);
      if (done > 0.005) doneMove(env, move, done);
      if (remaining > 0.005) rest.push({ move, qty: remaining });
    }
    env.write('stock.picking', [id], { date_done: env.now() });
    if (rest.length > 0) createBackorder(env, picking, rest, cancelRest);
    refreshPickingState(env, id);
    const sale = m2o(picking.sale_id);
    if (sale) refreshOrder(env, sale);
  }
  return true;
}

const SPLIT_FIELDS = [
  'name',
  'product_id',
  'product_uom_id',
  'sale_line_id',
  'location_id',
  'location_dest_id',
  'origin',
  'partner_id',
];

function createBackorder(
  env: Env,
  picking: StoredRecord,
  rest: { move: StoredRecord; qty: number }[],
  cancel: boolean,
): void {
  const backorderId = cancel
    ? false
    : env.create('stock.picking', {
        name: pickingName(env, m2o(picking.picking_type_id) as number),
        origin: picking.origin,
        partner_id: picking.partner_id,
        picking_type_id: picking.picking_type_id,
        location_id: picking.location_id,
        location_dest_id: picking.location_dest_id,
        scheduled_date: picking.scheduled_date,
        move_type: picking.move_type,
        sale_id: picking.sale_id,
        backorder_id: picking.id,
        state: 'draft',
      });
  for (const { move, qty } of rest) {
    const wasDone = env.get('stock.move', move.id).state === 'done';
    const vals = { product_uom_qty: qty, quantity: 0, state: cancel ? 'cancel' : 'confirmed' };
    if (wasDone) {
      // The move was split: its done part stays, the rest becomes a new move (stock.move `_split`).
      const copy = Object.fromEntries(SPLIT_FIELDS.map((f) => [f, move[f]]));
      env.create('stock.move', {
        ...copy,
        ...vals,
        picking_id: backorderId || move.picking_id,
        date: env.now(),
      });
    } else {
      // Nothing of it was done: the whole move goes to the backorder, its reservation released.
      unreserveMove(env, move.id);
      internal(env).write('stock.move', [move.id], { ...vals, picking_id: backorderId || move.picking_id });
    }
  }
  if (backorderId) {
    for (const moveId of children(env, 'stock.picking', backorderId, 'move_ids')) reserveMove(env, moveId);
    refreshPickingState(env, backorderId);
  }
}
