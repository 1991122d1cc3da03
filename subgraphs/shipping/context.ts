import type { CarrierClient } from '../../connectors/carrier/index.js';
import type { OdooClient } from '../../connectors/odoo/client.js';
import type { SalesScope } from '../../connectors/odoo/sales/order-domain.js';
import type { WmsClient } from '../../connectors/wms/index.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { EventHub } from '../../platform/events/event-hub.js';
import type { SubgraphContext } from '../../platform/graphql/subgraph-context.js';
import type { PostalAddress } from '../../schema/canonical/shipping.js';
import { createShippingLoaders, type ShippingLoaders } from './loaders.js';

export interface ShippingContext extends SubgraphContext {
  loaders: ShippingLoaders;
  carrier: CarrierClient;
  /** Ship-from address by warehouse code. */
  origins: Record<string, PostalAddress>;
  /** Replaces the loaders: a subscription's context lives for many events, each read afresh. */
  renewLoaders(): void;
  /** Where subscriptions follow events; null when no event log is configured. */
  events: EventHub | null;
}

export interface ShippingSystems {
  carrier: CarrierClient;
  wms: WmsClient;
  odoo: OdooClient;
  origins: Record<string, PostalAddress>;
  events?: EventHub | null;
}

function scopeOf(principal: Principal | null): SalesScope {
  return principal?.kind === 'partner' ? { tenantPartnerId: principal.tenantPartnerId } : {};
}

export function createShippingContext(systems: ShippingSystems) {
  return (base: SubgraphContext): ShippingContext => {
    const scope = scopeOf(base.principal);
    const context: ShippingContext = {
      ...base,
      carrier: systems.carrier,
      origins: systems.origins,
      loaders: createShippingLoaders(systems, scope),
      renewLoaders: () => {
        context.loaders = createShippingLoaders(systems, scope);
      },
      events: systems.events ?? null,
    };
    return context;
  };
}
