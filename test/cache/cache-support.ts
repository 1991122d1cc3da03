import { randomUUID } from 'node:crypto';
import type { RunningOdooEmulator } from '../../connectors/odoo/emulator/server.js';
import { EntityCache, type EntityCacheOptions } from '../../platform/cache/entity-cache.js';
import { createLogger } from '../../platform/logger.js';
import type { RedisClient } from '../../platform/redis.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const silent = createLogger({ name: 'cache-test', level: 'silent' });

/** A namespace of the test's own, so that parallel test files never share entries. */
export function testNamespace(): string {
  return `test-cache-${randomUUID()}`;
}

export function newCache(
  redis: RedisClient,
  namespace: string,
  options: Partial<EntityCacheOptions> = {},
): EntityCache {
  return new EntityCache({ redis, logger: silent, namespace, ...options });
}

/** Deletes every key of a test namespace (values and generations). */
export async function dropNamespace(redis: RedisClient, namespace: string): Promise<void> {
  for (const pattern of [`${namespace}:*`, `${namespace}-gen:*`])
    for await (const keys of redis.scanIterator({ MATCH: pattern, COUNT: 500 }))
      if (keys.length > 0) await redis.del(keys);
}

/** Sets a product's on-hand quantity in a warehouse's stock location, as an inventory count would. */
export function setStock(
  odoo: RunningOdooEmulator,
  productId: number,
  warehouseId: number,
  qty: number,
): void {
  const env = odoo.emulator.env();
  const location = env.get('stock.warehouse', warehouseId).lot_stock_id as number;
  const quant = env.create('stock.quant', {
    product_id: productId,
    location_id: location,
    inventory_quantity: qty,
  });
  env.call('stock.quant', 'action_apply_inventory', [quant], {});
}
