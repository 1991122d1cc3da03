import { LRUCache } from 'lru-cache';
import type { CarrierClient } from '../../connectors/carrier/index.js';
import type { OdooClient } from '../../connectors/odoo/client.js';
import { tenantOfOrder } from './order-tenants.js';

/** What the receiver asks the systems about a delivery before it records it. */
export interface InboundLookups {
  /** The tenant of an order by number; null when Odoo has no such order. */
  tenantOfOrder: (orderNumber: string | null) => Promise<number | null>;
  /** The reference (our order number) of a carrier shipment; null when it has none or is unknown. */
  referenceOfShipment: (carrierShipmentId: string) => Promise<string | null>;
}

export interface InboundLookupOptions {
  /** Entries kept per kind. Default 50,000. */
  max?: number;
  /**
   * How long an order's tenant is trusted. An order's customer can be changed only while it is a
   * quotation, so minutes are safe; an order not found is asked again sooner (it may be created yet).
   * Default 10 min (found), 30 s (not found).
   */
  tenantTtlMs?: number;
  notFoundTtlMs?: number;
}

/**
 * The receiver's lookups, remembered across deliveries: every webhook about a parcel or an order names
 * the same shipment and tenant again, and asking Odoo and the carrier each time made those reads, not
 * the event log, what limited how many webhooks per second one process could take. A shipment's reference
 * never changes once the label is bought, so it is kept until evicted. Concurrent misses for one key share
 * one read.
 */
export function cachedInboundLookups(
  systems: { odoo: OdooClient; carrier?: CarrierClient },
  options: InboundLookupOptions = {},
): InboundLookups {
  const max = options.max ?? 50_000;
  const notFoundTtl = options.notFoundTtlMs ?? 30_000;
  const tenants = new LRUCache<string, { tenant: number | null }>({
    max,
    ttl: options.tenantTtlMs ?? 10 * 60_000,
    fetchMethod: async (orderNumber, _stale, { options: entry }) => {
      const tenant = await tenantOfOrder(systems.odoo, orderNumber);
      if (tenant === null) entry.ttl = notFoundTtl;
      return { tenant };
    },
  });
  const references = new LRUCache<string, { reference: string | null }>({
    max,
    fetchMethod: async (id, _stale, { options: entry }) => {
      const reference = (await systems.carrier!.shipment(id))?.reference ?? null;
      if (reference === null) entry.ttl = notFoundTtl;
      return { reference };
    },
  });
  return {
    tenantOfOrder: async (orderNumber) =>
      orderNumber === null ? null : ((await tenants.fetch(orderNumber))?.tenant ?? null),
    referenceOfShipment: async (id) =>
      systems.carrier ? ((await references.fetch(id))?.reference ?? null) : null,
  };
}
