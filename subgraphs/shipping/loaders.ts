import DataLoader from 'dataloader';
import type { CarrierClient } from '../../connectors/carrier/index.js';
import type { ParcelTracking } from '../../connectors/carrier/map-shipment.js';
import type { OdooClient } from '../../connectors/odoo/client.js';
import type { SalesScope } from '../../connectors/odoo/sales/order-domain.js';
import { visibleOrderNumbers } from '../../connectors/odoo/sales/visible-orders.js';
import type { WmsClient } from '../../connectors/wms/index.js';
import type { FulfillmentPackage } from '../../schema/canonical/fulfillment.js';
import type { Shipment } from '../../schema/canonical/shipping.js';

/**
 * Per-request loaders. Which parcels an order has is the WMS's knowledge (it packs them); their status
 * is the carrier's. So an order's shipments cost one WMS request for every order of the query and one
 * batch tracker read for every parcel, plus, for a partner, one Odoo call saying which orders are its own.
 * Where a parcel is (`trackingByTrackingNumber`) needs the trackers only; its label's details
 * (`shipmentByTrackingNumber`: service, label, postage, reference) cost one carrier read per shipment.
 */
export interface ShippingLoaders {
  orderVisible: DataLoader<string, boolean>;
  packagesByOrderNumber: DataLoader<string, FulfillmentPackage[]>;
  shipmentByTrackingNumber: DataLoader<string, Shipment | null>;
  trackingByTrackingNumber: DataLoader<string, ParcelTracking | null>;
}

export function createShippingLoaders(
  systems: { carrier: CarrierClient; wms: WmsClient; odoo: OdooClient },
  scope: SalesScope,
): ShippingLoaders {
  return {
    orderVisible: new DataLoader(async (numbers) => {
      const visible = await visibleOrderNumbers(systems.odoo, scope, numbers);
      return numbers.map((number) => visible.has(number));
    }),
    packagesByOrderNumber: new DataLoader(async (numbers) => {
      const found = await systems.wms.packagesByOrderNumbers(numbers);
      return numbers.map((number) => found.get(number) ?? []);
    }),
    shipmentByTrackingNumber: new DataLoader(async (codes) => {
      const found = await systems.carrier.trackersByTrackingCodes([...codes]);
      return codes.map((code) => found.get(code) ?? null);
    }),
    trackingByTrackingNumber: new DataLoader(async (codes) => {
      const found = await systems.carrier.trackingByTrackingCodes([...codes]);
      return codes.map((code) => found.get(code) ?? null);
    }),
  };
}
