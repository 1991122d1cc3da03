import type { OdooClient } from '../../connectors/odoo/client.js';
import type { SalesScope } from '../../connectors/odoo/sales/order-domain.js';
import type { WmsClient } from '../../connectors/wms/index.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { SubgraphContext } from '../../platform/graphql/subgraph-context.js';
import { createWarehouseLoaders, type WarehouseLoaders } from './loaders.js';

/** One request's context: the caller, and loaders that batch WMS (and Odoo) reads for this request. */
export interface WarehouseContext extends SubgraphContext {
  loaders: WarehouseLoaders;
}

function scopeOf(principal: Principal | null): SalesScope {
  return principal?.kind === 'partner' ? { tenantPartnerId: principal.tenantPartnerId } : {};
}

export function createWarehouseContext(wms: WmsClient, odoo: OdooClient) {
  return (base: SubgraphContext): WarehouseContext => ({
    ...base,
    loaders: createWarehouseLoaders(wms, odoo, scopeOf(base.principal)),
  });
}
