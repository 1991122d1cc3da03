import type { EmuStock } from './model.js';

/** On-hand and allocated quantities per warehouse (by WMS id) and SKU. Available = on hand − allocated. */
export class InventoryBook {
  readonly #stock = new Map<string, Map<string, EmuStock>>();

  /** The record of this SKU in this warehouse, created empty on first use (ShipHero creates products on order). */
  get(warehouseId: string, sku: string, now: number): EmuStock {
    let bySku = this.#stock.get(warehouseId);
    if (!bySku) this.#stock.set(warehouseId, (bySku = new Map<string, EmuStock>()));
    let stock = bySku.get(sku);
    if (!stock) bySku.set(sku, (stock = { onHand: 0, allocated: 0, updatedAt: now }));
    return stock;
  }

  /** Reserves up to `quantity`, returning how much could be. */
  allocate(warehouseId: string, sku: string, quantity: number, now: number): number {
    const stock = this.get(warehouseId, sku, now);
    const taken = Math.max(0, Math.min(quantity, stock.onHand - stock.allocated));
    stock.allocated += taken;
    stock.updatedAt = now;
    return taken;
  }

  release(warehouseId: string, sku: string, quantity: number, now: number): void {
    const stock = this.get(warehouseId, sku, now);
    stock.allocated = Math.max(0, stock.allocated - quantity);
    stock.updatedAt = now;
  }

  /** Units leave the shelf (shipped, or found missing at a short pick), with their allocation. */
  remove(warehouseId: string, sku: string, quantity: number, allocated: number, now: number): void {
    const stock = this.get(warehouseId, sku, now);
    stock.onHand = Math.max(0, stock.onHand - quantity);
    stock.allocated = Math.max(0, stock.allocated - allocated);
    stock.updatedAt = now;
  }

  /** Every SKU of a warehouse, by SKU. */
  rows(warehouseId: string): [string, EmuStock][] {
    return [...(this.#stock.get(warehouseId) ?? new Map<string, EmuStock>())].sort(([a], [b]) =>
      a.localeCompare(b),
    );
  }
}
