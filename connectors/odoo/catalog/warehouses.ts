import type { OdooClient } from '../client.js';
import type { Warehouse } from '../../../schema/canonical/inventory.js';

/** Warehouses in Odoo: few, so always read whole, in one call. */
export class OdooWarehouses {
  constructor(private readonly client: OdooClient) {}

  async all(): Promise<Warehouse[]> {
    const records = await this.client.searchRead('stock.warehouse', {
      fields: ['code', 'name'],
      order: 'code, id',
    });
    return records.map((record) => ({
      rowId: record.id,
      code: record.code ?? String(record.id),
      name: record.name ?? '',
    }));
  }
}
