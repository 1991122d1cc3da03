/**
 * Reserving stock for moves and deriving a picking's state, after stock/models/stock_move.py
 * (`_action_assign`, `_get_relevant_state_among_moves`) and stock_picking.py (`_compute_state`).
 * As in Odoo 17+, a move's reservation is its stock.move.line records (one per move here, at the move's
 * source location) and `move.quantity` is what is reserved or picked. Simplification: the move line does
 * not name the quant it took from; releasing gives back to the location's quants, most reserved first.
 */
import type { Env, StoredRecord } from '../orm/model-def.js';
import { locationAndChildren } from './locations.js';
import { children, internal, m2o, num, qtyIsZero, roundQty, str } from './values.js';

const OPEN = new Set(['waiting', 'confirmed', 'partially_available', 'assigned']);

/** Whether moves of this product reserve quants (Odoo 19: goods with "Track Inventory"). */
export function tracksInventory(env: Env, productId: number | false): boolean {
  if (!productId) return false;
  const prod = env.get('product.product', productId);
  return prod.type === 'consu' && prod.is_storable === true;
}

export function moveStateFor(demand: number, reserved: number): string {
  if (reserved + 0.005 >= demand) return 'assigned';
  return reserved > 0.005 ? 'partially_available' : 'confirmed';
}

function quantsIn(env: Env, productId: number, locationId: number): StoredRecord[] {
  const scope = [...locationAndChildren(env, locationId)];
  if (scope.length === 0) return [];
  return env
    .search('stock.quant', [
      ['product_id', '=', productId],
      ['location_id', 'in', scope],
    ])
    .map((id) => env.get('stock.quant', id));
}

/** What a move holds reserved: the quantity of its move lines. */
export function reservedOf(env: Env, moveId: number): number {
  return roundQty(
    children(env, 'stock.move', moveId, 'move_line_ids').reduce(
      (s, id) => s + num(env.get('stock.move.line', id).quantity),
      0,
    ),
  );
}

/** Sets a move's reservation (its single move line), creating or removing the line as needed. */
export function setMoveLine(
  env: Env,
  move: StoredRecord,
  qty: number,
  extra: Record<string, unknown> = {},
): void {
  const [line, ...others] = children(env, 'stock.move', move.id, 'move_line_ids');
  if (others.length > 0) env.unlink('stock.move.line', others);
  if (qty <= 0.005 && Object.keys(extra).length === 0) {
    if (line !== undefined) env.unlink('stock.move.line', [line]);
    return;
  }
  const vals = { quantity: roundQty(qty), ...extra };
  if (line !== undefined) env.write('stock.move.line', [line], vals);
  else {
    env.create('stock.move.line', {
      move_id: move.id,
      picking_id: move.picking_id,
      product_id: move.product_id,
      product_uom_id: move.product_uom_id,
      location_id: move.location_id,
      location_dest_id: move.location_dest_id,
      ...vals,
    });
  }
}

/** Reserves what is free for an open move up to `target` (its demand by default); returns what it took. */
export function reserveMove(env: Env, moveId: number, target?: number): number {
  const move = env.get('stock.move', moveId);
  if (!OPEN.has(str(move.state))) return 0;
  const demand = num(move.product_uom_qty);
  const productId = m2o(move.product_id);
  if (!tracksInventory(env, productId)) {
    // Untracked goods are always available: Odoo reserves them without quants.
    internal(env).write('stock.move', [moveId], { quantity: target ?? demand, state: 'assigned' });
    return 0;
  }
  const held = reservedOf(env, moveId);
  let need = roundQty((target ?? demand) - held);
  let taken = 0;
  for (const quant of quantsIn(env, productId as number, m2o(move.location_id) || 0)) {
    if (need <= 0.005) break;
    const free = roundQty(num(quant.quantity) - num(quant.reserved_quantity));
    if (free <= 0.005) continue;
    const take = Math.min(free, need);
    env.write('stock.quant', [quant.id], {
      reserved_quantity: roundQty(num(quant.reserved_quantity) + take),
    });
    need = roundQty(need - take);
    taken = roundQty(taken + take);
  }
  if (taken > 0) setMoveLine(env, move, held + taken);
  const quantity = target === undefined ? roundQty(held + taken) : Math.max(target, roundQty(held + taken));
  const state = moveStateFor(demand, roundQty(held + taken));
  if (quantity !== num(move.quantity) || state !== move.state)
    internal(env).write('stock.move', [moveId], { quantity, state });
  return taken;
}

/** Gives back `qty` reserved units of a product to the quants of a location. */
export function releaseReservation(env: Env, productId: number, locationId: number, qty: number): void {
  let left = qty;
  const quants = quantsIn(env, productId, locationId).sort(
    (a, b) => num(b.reserved_quantity) - num(a.reserved_quantity),
  );
  for (const quant of quants) {
    if (left <= 0.005) break;
    const give = Math.min(num(quant.reserved_quantity), left);
    if (give <= 0) continue;
    env.write('stock.quant', [quant.id], {
      reserved_quantity: roundQty(num(quant.reserved_quantity) - give),
    });
    left = roundQty(left - give);
  }
}

/** Undoes a move's reservation (do_unreserve / cancel). */
export function unreserveMove(env: Env, moveId: number): void {
  const move = env.get('stock.move', moveId);
  if (!OPEN.has(str(move.state))) return;
  const productId = m2o(move.product_id);
  const reserved = reservedOf(env, moveId);
  if (tracksInventory(env, productId) && reserved > 0) {
    releaseReservation(env, productId as number, m2o(move.location_id) || 0, reserved);
  }
  setMoveLine(env, move, 0);
  internal(env).write('stock.move', [moveId], { quantity: 0, state: 'confirmed' });
}

const RANK: Record<string, number> = { assigned: 4, waiting: 3, partially_available: 2, confirmed: 1 };

/** stock.move `_get_relevant_state_among_moves`. */
function relevantState(moves: StoredRecord[], moveType: string): string {
  const todo = moves
    .filter((m) => !['cancel', 'done'].includes(str(m.state)))
    .filter((m) => !(m.state === 'assigned' && qtyIsZero(num(m.product_uom_qty))))
    .sort(
      (a, b) =>
        (RANK[str(a.state)] ?? 0) - (RANK[str(b.state)] ?? 0) ||
        num(a.product_uom_qty) - num(b.product_uom_qty),
    );
  const first = todo[0];
  const last = todo[todo.length - 1];
  if (!first || !last) return 'assigned';
  if (moveType === 'one') {
    if (todo.every((m) => qtyIsZero(num(m.product_uom_qty)))) return 'assigned';
    if (first.state === 'confirmed' || first.state === 'partially_available') return 'confirmed';
    return str(first.state) || 'draft';
  }
  if (
    first.state !== 'assigned' &&
    todo.some((m) => m.state === 'assigned' || m.state === 'partially_available')
  ) {
    return 'partially_available';
  }
  if (last.state === 'confirmed' && qtyIsZero(num(last.product_uom_qty))) return 'assigned';
  return str(last.state) || 'draft';
}

/** stock.picking `_compute_state`, stored. */
export function refreshPickingState(env: Env, pickingId: number): string {
  const picking = env.get('stock.picking', pickingId);
  const moves = children(env, 'stock.picking', pickingId, 'move_ids').map((id) => env.get('stock.move', id));
  let state: string;
  if (moves.length === 0 || moves.some((m) => m.state === 'draft')) state = 'draft';
  else if (moves.every((m) => m.state === 'cancel')) state = 'cancel';
  else if (moves.every((m) => m.state === 'done' || m.state === 'cancel')) state = 'done';
  else {
    const relevant = relevantState(moves, str(picking.move_type) || 'direct');
    state = relevant === 'partially_available' ? 'assigned' : relevant;
  }
  if (picking.state !== state) env.write('stock.picking', [pickingId], { state });
  return state;
}

/**
 * A client (say a WMS reporting a short pick) wrote `quantity` on open moves: a decrease gives the
 * difference back to the quants; an increase reserves what is free for it (picking more than can be
 * reserved is allowed, as in Odoo; that extra is taken from stock when the transfer is validated).
 */
export function onMoveQuantityWritten(env: Env, ids: number[]): void {
  for (const id of ids) {
    const move = env.get('stock.move', id);
    if (!OPEN.has(str(move.state))) continue;
    const productId = m2o(move.product_id);
    const wanted = Math.max(0, num(move.quantity));
    const held = reservedOf(env, id);
    if (!tracksInventory(env, productId)) {
      internal(env).write('stock.move', [id], { state: moveStateFor(num(move.product_uom_qty), wanted) });
    } else if (wanted < held) {
      releaseReservation(env, productId as number, m2o(move.location_id) || 0, roundQty(held - wanted));
      setMoveLine(env, move, wanted);
      internal(env).write('stock.move', [id], { state: moveStateFor(num(move.product_uom_qty), wanted) });
    } else if (wanted > held) {
      reserveMove(env, id, wanted);
    }
    const picking = m2o(move.picking_id);
    if (picking) refreshPickingState(env, picking);
  }
}
