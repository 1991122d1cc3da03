import { Decimal } from 'decimal.js';
import { z } from 'zod';
import type { Product, Warehouse } from '../../../schema/canonical/inventory.js';
import { OdooStockLevels } from '../catalog/stock-levels.js';
import { OdooWarehouses } from '../catalog/warehouses.js';
import type { OdooClient } from '../client.js';
import { and, where } from '../domain.js';
import { OdooProtocolError } from '../errors.js';
import type { CaptureLine, ShortLine } from './capture-types.js';

/** A requested line with its catalogue product. */
export interface PricedLine extends CaptureLine {
  product: Product;
}

export type StockVerdict =
  { kind: 'available'; warehouse: Warehouse } | { kind: 'short'; warehouse: Warehouse; lines: ShortLine[] };

const OPEN_MOVE_STATES = ['waiting', 'confirmed', 'partially_available', 'assigned'];
const movesSchema = z.array(
  z.object({
    product_id: z.tuple([z.number().int(), z.string()]),
    product_uom_qty: z.number(),
    date: z.string(),
  }),
);

/**
 * Whether an order can ship complete from one warehouse, as Odoo would fulfil it (an order has one
 * `warehouse_id`). Warehouses are tried in order: the one of the customer's latest order first, then by
 * code. Each is judged on Odoo's `free_qty` there (on hand, not reserved); products that track no
 * inventory are always available. When none can, the warehouse that can ship the most lines is named with
 * its short lines and, from its planned receipts, when each would be covered.
 */
export class OdooCaptureStock {
  constructor(private readonly client: OdooClient) {}

  async check(customerRowId: number, lines: readonly PricedLine[]): Promise<StockVerdict> {
    const warehouses = await this.#candidates(customerRowId);
    if (warehouses.length === 0)
      throw new OdooProtocolError('Odoo has no warehouse', { model: 'stock.warehouse' });
    const tracked = lines.filter((line) => line.product.tracksInventory);
    const levels = await new OdooStockLevels(this.client).forProducts(
      tracked.map((line) => line.product.rowId),
      warehouses,
    );
    const free = (warehouse: Warehouse, productRowId: number) =>
      new Decimal(
        levels.find((l) => l.warehouse.rowId === warehouse.rowId && l.productRowId === productRowId)
          ?.available ?? '0',
      );
    const shortIn = (warehouse: Warehouse) =>
      tracked.filter((line) => free(warehouse, line.product.rowId).lt(line.quantity));
    let best: { warehouse: Warehouse; short: PricedLine[] } | undefined;
    for (const warehouse of warehouses) {
      const short = shortIn(warehouse);
      if (short.length === 0) return { kind: 'available', warehouse };
      if (!best || short.length < best.short.length) best = { warehouse, short };
    }
    const { warehouse, short } = best!;
    const receipts = await this.#receipts(warehouse, short);
    return {
      kind: 'short',
      warehouse,
      lines: short.map((line) => {
        const available = free(warehouse, line.product.rowId);
        return {
          sku: line.sku,
          requested: line.quantity,
          available: available.toString(),
          nextAvailableOn: coveredOn(available, line.quantity, receipts.get(line.product.rowId) ?? []),
        };
      }),
    };
  }

  /** Every warehouse, the customer's usual one (that of its latest order) first. */
  async #candidates(customerRowId: number): Promise<Warehouse[]> {
    const [all, latest] = await Promise.all([
      new OdooWarehouses(this.client).all(),
      this.client.searchRead('sale.order', {
        domain: and(where('partner_id', 'child_of', customerRowId), where('warehouse_id', '!=', false)),
        fields: ['warehouse_id'],
        order: 'date_order desc, id desc',
        limit: 1,
      }),
    ]);
    const usual = latest[0]?.warehouse_id?.id;
    return [...all.filter((w) => w.rowId === usual), ...all.filter((w) => w.rowId !== usual)];
  }

  /** Planned receipts into the warehouse (open moves from vendors or production), by product, by date. */
  async #receipts(warehouse: Warehouse, lines: readonly PricedLine[]) {
    const raw = await this.client.callMethod('stock.move', 'search_read', {
      kwargs: {
        domain: and(
          where(
            'product_id',
            'in',
            lines.map((line) => line.product.rowId),
          ),
          where('state', 'in', OPEN_MOVE_STATES),
          where('location_dest_id.warehouse_id', '=', warehouse.rowId),
          where('location_id.usage', 'in', ['supplier', 'production']),
        ),
        fields: ['product_id', 'product_uom_qty', 'date'],
        order: 'date, id',
      },
    });
    const parsed = movesSchema.safeParse(raw);
    if (!parsed.success)
      throw new OdooProtocolError('Odoo answered stock.move.search_read with something else than moves', {
        model: 'stock.move',
        method: 'search_read',
        cause: parsed.error,
      });
    const byProduct = new Map<number, { quantity: number; date: string }[]>();
    for (const move of parsed.data) {
      const list = byProduct.get(move.product_id[0]) ?? [];
      list.push({ quantity: move.product_uom_qty, date: move.date });
      byProduct.set(move.product_id[0], list);
    }
    return byProduct;
  }
}

/** The date of the first receipt after which what is free plus what arrived covers the request. */
function coveredOn(
  available: Decimal,
  requested: string,
  receipts: readonly { quantity: number; date: string }[],
): string | null {
  let total = available;
  for (const receipt of receipts) {
    total = total.plus(String(receipt.quantity));
    if (total.gte(requested)) return receipt.date.slice(0, 10);
  }
  return null;
}
