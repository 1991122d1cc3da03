import type { OdooClient } from '../../connectors/odoo/client.js';
import type { InvoicingScope } from '../../connectors/odoo/invoicing/invoice-domain.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { EntityCache } from '../../platform/cache/entity-cache.js';
import type { SubgraphContext } from '../../platform/graphql/subgraph-context.js';
import { createInvoicingLoaders, type InvoicingLoaders } from './loaders.js';

/** One request's context: the caller, and loaders that batch Odoo reads for this request only. */
export interface InvoicingContext extends SubgraphContext {
  /** What the caller may see: a partner only its own tenant's posted and cancelled invoices. */
  scope: InvoicingScope;
  loaders: InvoicingLoaders;
}

function scopeOf(principal: Principal | null): InvoicingScope {
  return principal?.kind === 'partner' ? { tenantPartnerId: principal.tenantPartnerId } : {};
}

export function createInvoicingContext(odoo: OdooClient, cache: EntityCache | null = null) {
  return (base: SubgraphContext): InvoicingContext => {
    const scope = scopeOf(base.principal);
    return { ...base, scope, loaders: createInvoicingLoaders(odoo, scope, cache) };
  };
}
