/**
 * How an order moves through the warehouse: RECEIVED → ALLOCATED → PICKED → PACKED → SHIPPED, one step
 * every `stepMs` of emulator time, dated when it was due (not when the clock noticed). At allocation a line
 * short of stock backorders the order; at picking a line may come up short (`shortPickRate`: the shelf held
 * less than the books said), which corrects on hand and backorders the order; before any step the order may
 * be cancelled (`cancelRate`). Draws come from a seeded RNG, so a run replays exactly.
 */
import type { InventoryBook } from './inventory.js';
import { OPEN_STAGES, type EmuOrder, type EmuPackage, type EmuShipment } from './model.js';

export type OrderEvent =
  | { type: 'allocated'; order: EmuOrder }
  | { type: 'packed'; order: EmuOrder }
  | { type: 'shipped'; order: EmuOrder; shipment: EmuShipment }
  | { type: 'cancelled'; order: EmuOrder }
  | { type: 'inventory'; warehouseId: string; skus: string[] };

export interface ProgressionContext {
  stepMs: number;
  shortPickRate: number;
  cancelRate: number;
  random: () => number;
  inventory: InventoryBook;
  newShipment: (at: number, packages: EmuPackage[]) => EmuShipment;
  trackingNumber: () => string;
  emit: (event: OrderEvent) => void;
}

/** Takes every step now due, in order. Returns whether the order moved. */
export function progress(order: EmuOrder, now: number, ctx: ProgressionContext): boolean {
  let moved = false;
  while (OPEN_STAGES.has(order.stage) && order.lastStepAt + ctx.stepMs <= now) {
    step(order, order.lastStepAt + ctx.stepMs, ctx);
    moved = true;
  }
  return moved;
}

function step(order: EmuOrder, at: number, ctx: ProgressionContext): void {
  if (ctx.cancelRate > 0 && ctx.random() < ctx.cancelRate) {
    cancel(order, at, 'Cancelled in the warehouse', ctx);
    return;
  }
  if (order.stage === 'received') allocate(order, at, ctx);
  else if (order.stage === 'allocated') pick(order, at, ctx);
  else if (order.stage === 'picked') {
    mark(order, at, 'packed', 'Order packed out');
    order.packedAt = at;
    ctx.emit({ type: 'packed', order });
  } else if (order.stage === 'packed') ship(order, at, ctx);
}

function mark(order: EmuOrder, at: number, stage: EmuOrder['stage'], information: string): void {
  order.stage = stage;
  order.lastStepAt = at;
  order.updatedAt = at;
  order.history.push({ at, information });
}

function allocate(order: EmuOrder, at: number, ctx: ProgressionContext): void {
  for (const line of order.lines) {
    line.allocated = ctx.inventory.allocate(order.warehouse.id, line.sku, line.quantity, at);
    line.backordered = line.quantity - line.allocated;
  }
  order.allocatedAt = at;
  const short = order.lines.filter((line) => line.backordered > 0);
  if (short.length === 0) mark(order, at, 'allocated', 'Order allocated');
  else
    mark(
      order,
      at,
      'on_hold',
      `Order backordered: ${short.map((l) => `${l.sku} × ${l.backordered}`).join(', ')}`,
    );
  if (order.lines.some((line) => line.allocated > 0)) ctx.emit({ type: 'allocated', order });
}

function pick(order: EmuOrder, at: number, ctx: ProgressionContext): void {
  const shortSkus: string[] = [];
  for (const line of order.lines) {
    line.picked = line.allocated;
    if (ctx.shortPickRate > 0 && ctx.random() < ctx.shortPickRate) {
      const short = Math.min(line.picked, 1 + Math.floor(ctx.random() * line.picked));
      line.picked -= short;
      line.backordered += short;
      line.allocated -= short;
      ctx.inventory.remove(order.warehouse.id, line.sku, short, short, at);
      shortSkus.push(line.sku);
    }
  }
  order.pickedAt = at;
  if (shortSkus.length === 0) {
    mark(order, at, 'picked', 'Order picked');
    return;
  }
  const detail = order.lines.filter((l) => l.backordered > 0).map((l) => `${l.sku} × ${l.backordered}`);
  mark(order, at, 'on_hold', `Order picked short: ${detail.join(', ')}`);
  ctx.emit({ type: 'inventory', warehouseId: order.warehouse.id, skus: shortSkus });
}

function ship(order: EmuOrder, at: number, ctx: ProgressionContext): void {
  const units = order.lines.reduce((sum, line) => sum + line.picked, 0);
  const packages = order.plannedPackages ?? [
    {
      trackingNumber: ctx.trackingNumber(),
      carrier: 'UPS',
      service: order.shippingMethod,
      weightOz: units * 16,
    },
  ];
  const shipment = ctx.newShipment(at, packages);
  order.shipments.push(shipment);
  for (const line of order.lines) {
    ctx.inventory.remove(order.warehouse.id, line.sku, line.picked, line.allocated, at);
    line.shipped = line.picked;
    line.allocated = 0;
  }
  order.shippedAt = at;
  mark(order, at, 'shipped', 'Order shipped');
  ctx.emit({ type: 'shipped', order, shipment });
  ctx.emit({ type: 'inventory', warehouseId: order.warehouse.id, skus: order.lines.map((l) => l.sku) });
}

/** Cancels an order not shipped yet, releasing what it holds. */
export function cancel(
  order: EmuOrder,
  at: number,
  reason: string,
  ctx: Pick<ProgressionContext, 'inventory' | 'emit'>,
): void {
  for (const line of order.lines) {
    if (line.allocated > 0) ctx.inventory.release(order.warehouse.id, line.sku, line.allocated, at);
    line.allocated = 0;
  }
  order.cancelledAt = at;
  mark(order, at, 'cancelled', `Order canceled: ${reason}`);
  ctx.emit({ type: 'cancelled', order });
}
