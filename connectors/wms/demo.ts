/**
 * What the WMS emulator publishes and the connector's demo defaults point at: its bearer token and
 * its three warehouses (the Odoo demo warehouses, with ShipHero-style base64 ids `Warehouse:<n>`).
 * The token opens only an emulator; production configuration refuses it.
 */
export const WMS_EMULATOR_DEMO_TOKEN = 'demo-wms-token-emulator-only';

/** The emulator's default GraphQL endpoint. */
export const WMS_EMULATOR_DEFAULT_URL = 'http://127.0.0.1:8072/graphql';

export interface DemoWarehouse {
  /** Our warehouse code, as in Odoo. */
  code: string;
  name: string;
  /** The WMS id (base64 of `Warehouse:<legacyId>`). */
  id: string;
  legacyId: number;
}

export const DEMO_WAREHOUSES: readonly DemoWarehouse[] = [
  { code: 'CHI', name: 'Chicago Distribution Center', id: 'V2FyZWhvdXNlOjcyMTAx', legacyId: 72101 },
  { code: 'DAL', name: 'Dallas Distribution Center', id: 'V2FyZWhvdXNlOjcyMTAy', legacyId: 72102 },
  { code: 'NWK', name: 'Newark Distribution Center', id: 'V2FyZWhvdXNlOjcyMTAz', legacyId: 72103 },
];

/** `CHI=V2Fy...,DAL=...`: the demo warehouses as WMS_WAREHOUSES would spell them. */
export const DEMO_WAREHOUSES_ENV = DEMO_WAREHOUSES.map((w) => `${w.code}=${w.id}`).join(',');
