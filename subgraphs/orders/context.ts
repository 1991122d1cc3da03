import type { OdooClient } from '../../connectors/odoo/client.js';
import type { SalesScope } from '../../connectors/odoo/sales/order-domain.js';
import type { EntityCache } from '../../platform/cache/entity-cache.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { EventHub } from '../../platform/events/event-hub.js';
import type { SubgraphContext } from '../../platform/graphql/subgraph-context.js';
import { createOrdersLoaders, type OrdersLoaders } from './loaders.js';
import type { OrderCaptureServices } from './schema/capture-services.js';
import type { FulfillmentProgressReader } from '../../platform/orchestration/progress-reader.js';
import { createProgressAccess, type ProgressAccess } from './schema/progress-loader.js';

/** One request's context: the caller, and loaders that batch Odoo reads for this request only. */
export interface OrdersContext extends SubgraphContext {
  /** What the caller may see: a partner only its own tenant's orders and customer. */
  scope: SalesScope;
  loaders: OrdersLoaders;
  /** Replaces the loaders: a subscription's context lives for many events, each read afresh. */
  renewLoaders(): void;
  /** Where subscriptions follow events; null when no event log is configured. */
  events: EventHub | null;
  /** For the order mutations, which write (reads go through the loaders). */
  odoo: OdooClient;
  /** What `captureOrder` needs (idempotency in Redis); null without Redis. */
  capture: OrderCaptureServices | null;
  /** The order-to-cash orchestration's state, for progress fields; null without its store. */
  progress: ProgressAccess | null;
}

function scopeOf(principal: Principal | null): SalesScope {
  return principal?.kind === 'partner' ? { tenantPartnerId: principal.tenantPartnerId } : {};
}

export function createOrdersContext(
  odoo: OdooClient,
  events: EventHub | null = null,
  capture: OrderCaptureServices | null = null,
  progress: FulfillmentProgressReader | null = null,
  cache: EntityCache | null = null,
) {
  return (base: SubgraphContext): OrdersContext => {
    const scope = scopeOf(base.principal);
    const context: OrdersContext = {
      ...base,
      scope,
      loaders: createOrdersLoaders(odoo, scope, cache),
      renewLoaders: () => {
        context.loaders = createOrdersLoaders(odoo, scope, cache);
      },
      events,
      odoo,
      capture,
      progress: progress ? createProgressAccess(progress) : null,
    };
    return context;
  };
}
