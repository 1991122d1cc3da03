import { z } from 'zod';

/**
 * What the entity cache holds, one type per kind of entry. Keys are `<namespace>:<type>:<key>`:
 *
 * | Type           | Key              | Value                                  | Evicted by                        |
 * | -------------- | ---------------- | -------------------------------------- | --------------------------------- |
 * | `product`      | SKU              | Product (inventory)                    | time (catalogue: stale-while-revalidate) |
 * | `warehouse`    | `all`            | every Warehouse                        | time (catalogue: stale-while-revalidate) |
 * | `customer`     | partner row id   | Customer                               | time                              |
 * | `order`        | order number     | Order                                  | order events, time                |
 * | `order-number` | order row id     | the order's number (never changes)     | time                              |
 * | `invoice`      | invoice number   | Invoice                                | `order.fulfilled`, time           |
 * | `stock`        | SKU              | StockLevel[] of every warehouse        | `stock.changed`, time             |
 */
export const cacheTypes = [
  'product',
  'warehouse',
  'customer',
  'order',
  'order-number',
  'invoice',
  'stock',
] as const;

export type CacheType = (typeof cacheTypes)[number];

/** How long one type's entries are fresh, and how long after that a stale one may still be served. */
export interface CachePolicy {
  /** Fresh for this long. */
  ttlMs: number;
  /**
   * After `ttlMs`, served for this much longer while one refresh runs in the background
   * (stale-while-revalidate); 0 for none: an expired entry is a miss.
   */
  staleMs: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/**
 * Default policies. Catalogue data (products, warehouses) changes by hand and rarely: long and served
 * stale while it refreshes. Orders and invoices are evicted by their events and expire soon anyway,
 * for changes no event announces (a payment, an edited quotation). Stock is evicted by `stock.changed`,
 * but Odoo's own reservations announce nothing, so it lives only a few seconds.
 */
export const DEFAULT_CACHE_POLICIES: Readonly<Record<CacheType, CachePolicy>> = {
  product: { ttlMs: 5 * MINUTE, staleMs: 10 * MINUTE },
  warehouse: { ttlMs: 10 * MINUTE, staleMs: 60 * MINUTE },
  customer: { ttlMs: 5 * MINUTE, staleMs: 0 },
  order: { ttlMs: 60 * SECOND, staleMs: 0 },
  'order-number': { ttlMs: 24 * 60 * MINUTE, staleMs: 0 },
  invoice: { ttlMs: 60 * SECOND, staleMs: 0 },
  stock: { ttlMs: 5 * SECOND, staleMs: 0 },
};

const policySchema = z.strictObject({
  ttlMs: z.number().int().positive().optional(),
  staleMs: z.number().int().min(0).optional(),
});

/** The entity cache's tuning, validated at boot. Every field has a default. */
export const entityCacheConfigSchema = z.strictObject({
  /** Key prefix. Default `dg:cache`; tests give one of their own. */
  namespace: z.string().min(1).default('dg:cache'),
  /** Per-type overrides of DEFAULT_CACHE_POLICIES. */
  policies: z.partialRecord(z.enum(cacheTypes), policySchema).default({}),
  /** A Redis command slower than this counts as a failure (the cache then falls back to Odoo). Default 250 ms. */
  redisTimeoutMs: z.number().int().positive().default(250),
  /** After a Redis failure, the cache leaves Redis alone for this long, then tries once. Default 1000 ms. */
  retryAfterMs: z.number().int().positive().default(1000),
  /**
   * How long an eviction's generation mark is kept: a read that started before the eviction and ends
   * within this window cannot write its (possibly old) answer back. Default 10 minutes.
   */
  generationTtlMs: z
    .number()
    .int()
    .positive()
    .default(10 * MINUTE),
});

export type EntityCacheConfig = z.input<typeof entityCacheConfigSchema>;

/** The policy of each type: the defaults with the configured overrides. */
export function resolvePolicies(
  overrides: z.output<typeof entityCacheConfigSchema>['policies'],
): Record<CacheType, CachePolicy> {
  return Object.fromEntries(
    cacheTypes.map((type) => [type, { ...DEFAULT_CACHE_POLICIES[type], ...overrides[type] }]),
  ) as Record<CacheType, CachePolicy>;
}
