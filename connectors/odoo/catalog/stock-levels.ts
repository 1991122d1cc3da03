import { toDecimalString } from '../quantity.js';
import type { OdooClient } from '../client.js';
import type { StockLevel, Warehouse } from '../../../schema/canonical/inventory.js';

const STOCK_FIELDS = [
  'uom_id',
  'qty_available',
  'free_qty',
  'incoming_qty',
  'outgoing_qty',
  'virtual_available',
] as const;

/**
 * Stock per product and warehouse, from Odoo's own computed figures (`qty_available`, `free_qty`...),
 * which Odoo scopes to a warehouse through the `warehouse` context key. One call per warehouse, whatever
 * the number of products: the cost depends on the warehouses, never on the rows asked for.
 */
export class OdooStockLevels {
  constructor(private readonly client: OdooClient) {}

  async forProducts(
    productRowIds: readonly number[],
    warehouses: readonly Warehouse[],
  ): Promise<StockLevel[]> {
    if (productRowIds.length === 0) return [];
    const perWarehouse = await Promise.all(
      warehouses.map(async (warehouse) => {
        const records = await this.client.read('product.product', productRowIds, STOCK_FIELDS, {
          warehouse: warehouse.rowId,
        });
        return records.map((record): StockLevel => {
          const onHand = record.qty_available ?? 0;
          const available = record.free_qty ?? 0;
          return {
            productRowId: record.id,
            warehouse,
            unit: record.uom_id?.name ?? 'Units',
            onHand: toDecimalString(onHand),
            reserved: toDecimalString(Math.max(0, onHand - available)),
            available: toDecimalString(available),
            incoming: toDecimalString(record.incoming_qty ?? 0),
            outgoing: toDecimalString(record.outgoing_qty ?? 0),
            forecast: toDecimalString(record.virtual_available ?? 0),
          };
        });
      }),
    );
    return perWarehouse.flat();
  }
}
