/**
 * A product's stock figures as Odoo computes them (stock/models/product.py `_compute_quantities_dict`):
 * on hand from quants in the scoped internal locations, incoming/outgoing from moves not yet done that
 * cross the scope's boundary, forecast = on hand + incoming - outgoing, free = on hand - reserved.
 */
import type { Env } from '../orm/model-def.js';
import { contextLocations } from './locations.js';
import { m2o, num, roundQty } from './values.js';

export interface StockFigures {
  qty_available: number;
  free_qty: number;
  incoming_qty: number;
  outgoing_qty: number;
  virtual_available: number;
}

const PENDING = ['waiting', 'confirmed', 'partially_available', 'assigned'];

export function stockFigures(env: Env, productId: number): StockFigures {
  const scope = contextLocations(env);
  let onHand = 0;
  let reserved = 0;
  for (const id of env.search('stock.quant', [['product_id', '=', productId]])) {
    const quant = env.get('stock.quant', id);
    if (!scope.has(m2o(quant.location_id) || 0)) continue;
    onHand += num(quant.quantity);
    reserved += num(quant.reserved_quantity);
  }
  let incoming = 0;
  let outgoing = 0;
  const moves = env.search('stock.move', [
    ['product_id', '=', productId],
    ['state', 'in', PENDING],
  ]);
  for (const id of moves) {
    const move = env.get('stock.move', id);
    const from = scope.has(m2o(move.location_id) || 0);
    const to = scope.has(m2o(move.location_dest_id) || 0);
    if (from && !to) outgoing += num(move.product_uom_qty);
    if (to && !from) incoming += num(move.product_uom_qty);
  }
  return {
    qty_available: roundQty(onHand),
    free_qty: roundQty(onHand - reserved),
    incoming_qty: roundQty(incoming),
    outgoing_qty: roundQty(outgoing),
    virtual_available: roundQty(onHand + incoming - outgoing),
  };
}
