import DataLoader from 'dataloader';
import type { OdooClient } from '../../connectors/odoo/client.js';
import type { SalesScope } from '../../connectors/odoo/sales/order-domain.js';
import { visibleOrderNumbers } from '../../connectors/odoo/sales/visible-orders.js';
import type { WmsClient } from '../../connectors/wms/index.js';
import type { Fulfillment, WarehouseBacklog } from '../../schema/canonical/fulfillment.js';

/**
 * Per-request loaders: the fulfilments of every order a query touches are one WMS request, and for a
 * partner one Odoo call tells which of those orders are its own (the WMS knows nothing of tenants).
 */
export interface WarehouseLoaders {
  /** The fulfilment of an order the caller may see; null when there is none or it is not the caller's. */
  fulfillmentByOrderNumber: DataLoader<string, Fulfillment | null>;
  backlogByWarehouseCode: DataLoader<string, WarehouseBacklog | null>;
}

export function createWarehouseLoaders(
  wms: WmsClient,
  odoo: OdooClient,
  scope: SalesScope,
): WarehouseLoaders {
  return {
    fulfillmentByOrderNumber: new DataLoader(async (numbers) => {
      const [visible, found] = await Promise.all([
        visibleOrderNumbers(odoo, scope, numbers),
        wms.fulfillmentsByOrderNumbers(numbers),
      ]);
      return numbers.map((number) => (visible.has(number) ? (found.get(number) ?? null) : null));
    }),
    backlogByWarehouseCode: new DataLoader(async (codes) => {
      const found = await wms.backlog(codes);
      return codes.map((code) => found.get(code) ?? null);
    }),
  };
}
