/**
 * Stock on hand over the history: an opening count per warehouse and product (some products out of
 * stock, some low), then weekly replenishment counts (inventory adjustments through stock.quant
 * `inventory_quantity` + `action_apply_inventory`) for products below their reorder point, after which
 * waiting deliveries are re-checked (`action_assign`), as Odoo's scheduler does.
 * A few "discontinued" products are never replenished, so shortages and backorders happen naturally.
 */
import type { Env } from '../orm/model-def.js';
import type { Catalog } from './catalog.js';
import type { Timeline } from './timeline.js';

const DAY = 86_400_000;

function count(env: Env, productId: number, locationId: number, qty: number): void {
  const [quant] = env.search(
    'stock.quant',
    [
      ['product_id', '=', productId],
      ['location_id', '=', locationId],
    ],
    { limit: 1 },
  );
  if (quant === undefined) {
    const id = env.create('stock.quant', {
      product_id: productId,
      location_id: locationId,
      inventory_quantity: qty,
    });
    env.call('stock.quant', 'action_apply_inventory', [id], {});
  } else {
    env.write('stock.quant', [quant], { inventory_quantity: qty });
    env.call('stock.quant', 'action_apply_inventory', [quant], {});
  }
}

function onHand(env: Env, productId: number, locationId: number): { quantity: number; free: number } {
  let quantity = 0;
  let reserved = 0;
  for (const id of env.search('stock.quant', [
    ['product_id', '=', productId],
    ['location_id', '=', locationId],
  ])) {
    const q = env.get('stock.quant', id);
    quantity += typeof q.quantity === 'number' ? q.quantity : 0;
    reserved += typeof q.reserved_quantity === 'number' ? q.reserved_quantity : 0;
  }
  return { quantity, free: quantity - reserved };
}

export function planStock(
  env: Env,
  timeline: Timeline,
  rnd: () => number,
  catalog: Catalog,
  start: number,
  end: number,
  scale: number,
  openOrders: Set<number>,
): void {
  const goods = catalog.products.filter((p) => p.storable);
  const m = Math.max(1, scale);
  const discontinued = new Set(goods.filter(() => rnd() < 0.05).map((p) => p.id));
  const opening = catalog.warehouses.flatMap((wh) =>
    goods.map((p) => {
      const r = rnd();
      const qty = discontinued.has(p.id)
        ? Math.floor(rnd() * 6)
        : r < 0.1
          ? 0
          : r < 0.25
            ? 1 + Math.floor(rnd() * 5)
            : Math.round((20 + rnd() * 80) * m);
      return {
        wh,
        p,
        qty,
        reorder: Math.round((10 + rnd() * 20) * m),
        target: Math.round((60 + rnd() * 120) * m),
      };
    }),
  );
  timeline.add(start, () => opening.forEach((o) => count(env, o.p.id, o.wh.stockId, o.qty)));
  for (let week = start + 7 * DAY + 5 * 3_600_000; week < end - 3 * DAY; week += 7 * DAY) {
    const skip = new Set(opening.filter(() => rnd() < 0.15).map((o) => `${o.wh.id}/${o.p.id}`));
    timeline.add(week, () => {
      for (const o of opening) {
        if (discontinued.has(o.p.id) || skip.has(`${o.wh.id}/${o.p.id}`)) continue;
        const level = onHand(env, o.p.id, o.wh.stockId);
        if (level.free < o.reorder)
          count(env, o.p.id, o.wh.stockId, Math.round(level.quantity - level.free + o.target));
      }
      for (const orderId of openOrders) {
        const pickings = env.search('stock.picking', [
          ['sale_id', '=', orderId],
          ['state', 'in', ['confirmed', 'assigned']],
        ]);
        if (pickings.length === 0) openOrders.delete(orderId);
        else env.call('stock.picking', 'action_assign', pickings, {});
      }
    });
  }
}
