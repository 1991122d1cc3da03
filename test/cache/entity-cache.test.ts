/**
 * The entity cache against a real Redis: single-flight, scopes and row checks, time limits with
 * stale-while-revalidate, and evictions that a read already under way cannot undo.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectRedis, type RedisClient } from '../../platform/redis.js';
import { dropNamespace, newCache, REDIS_URL, silent, testNamespace } from './cache-support.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A source that counts its fetches and answers `value(key)` after `delayMs`. */
function source<T>(value: (key: string) => T | undefined, delayMs = 20) {
  const fetched: string[][] = [];
  return {
    fetched,
    fetch: async (keys: readonly string[]) => {
      fetched.push([...keys]);
      await sleep(delayMs);
      const found = new Map<string, T>();
      for (const key of keys) {
        const v = value(key);
        if (v !== undefined) found.set(key, v);
      }
      return found;
    },
  };
}

describe('EntityCache', () => {
  let redis: RedisClient;
  const namespace = testNamespace();

  beforeAll(async () => {
    redis = await connectRedis({ url: REDIS_URL, logger: silent });
  });
  afterAll(async () => {
    await dropNamespace(redis, namespace);
    redis.destroy();
  });

  it('answers a burst of 100 concurrent misses for one key with one fetch, then from Redis', async () => {
    const cache = newCache(redis, namespace);
    const products = source((sku) => ({ sku, name: `Product ${sku}` }));
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => cache.load({ type: 'product', fetch: products.fetch }, ['BURST-1'])),
    );
    expect(products.fetched).toEqual([['BURST-1']]);
    expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(
      new Set([JSON.stringify([{ sku: 'BURST-1', name: 'Product BURST-1' }])]),
    );
    // Another process (another cache over the same Redis) finds it there.
    const other = newCache(redis, namespace);
    await expect(other.load({ type: 'product', fetch: products.fetch }, ['BURST-1'])).resolves.toEqual([
      { sku: 'BURST-1', name: 'Product BURST-1' },
    ]);
    expect(products.fetched).toHaveLength(1);
    expect(cache.stats().product).toEqual({ hits: 0, staleHits: 0, misses: 1, coalesced: 99 });
    expect(other.stats().product).toEqual({ hits: 1, staleHits: 0, misses: 0, coalesced: 0 });
  });

  it('answers null for what the source does not have, and caches nothing for it', async () => {
    const cache = newCache(redis, namespace);
    const products = source<{ sku: string }>(() => undefined);
    await expect(
      cache.load({ type: 'product', fetch: products.fetch }, ['NONE-1', 'NONE-1']),
    ).resolves.toEqual([null, null]);
    await expect(redis.exists(`${namespace}:product:NONE-1`)).resolves.toBe(0);
  });

  it('never shares a fetch between scopes, and serves a cached value only where the row check passes', async () => {
    const cache = newCache(redis, namespace);
    const order = { number: 'S-SCOPE-1', customerRowId: 7 };
    // The source answers within the scope: tenant 7 sees its order, tenant 8 does not.
    const asTenant = (tenant: number) => ({
      type: 'order' as const,
      scope: `tenant:${tenant}`,
      visible: (o: typeof order) => o.customerRowId === tenant,
      ...source((key) => (key === order.number && tenant === 7 ? order : undefined)),
    });
    const seven = asTenant(7);
    const eight = asTenant(8);
    const [a, b] = await Promise.all([cache.load(seven, [order.number]), cache.load(eight, [order.number])]);
    expect([a, b]).toEqual([[order], [null]]);
    expect([seven.fetched, eight.fetched]).toEqual([[[order.number]], [[order.number]]]);
    // Cached now (by tenant 7's read): tenant 8's row check refuses it, and its scoped read answers null.
    await expect(cache.load(eight, [order.number])).resolves.toEqual([null]);
    expect(eight.fetched).toHaveLength(2);
    await expect(cache.load(seven, [order.number])).resolves.toEqual([order]);
    expect(seven.fetched).toHaveLength(1);
  });

  it('serves a catalogue entry stale within its grace while one refresh runs, then the new value', async () => {
    const cache = newCache(redis, namespace, { policies: { product: { ttlMs: 100, staleMs: 10_000 } } });
    let name = 'Old name';
    const products = source((sku) => ({ sku, name }));
    const spec = { type: 'product' as const, fetch: products.fetch };
    await cache.load(spec, ['SWR-1']);
    name = 'New name';
    await sleep(150);
    const stale = await Promise.all([cache.load(spec, ['SWR-1']), cache.load(spec, ['SWR-1'])]);
    expect(stale).toEqual([[{ sku: 'SWR-1', name: 'Old name' }], [{ sku: 'SWR-1', name: 'Old name' }]]);
    // The refresh lands in the background.
    while (!(await redis.get(`${namespace}:product:SWR-1`))?.includes('New name')) await sleep(10);
    await expect(cache.load(spec, ['SWR-1'])).resolves.toEqual([{ sku: 'SWR-1', name: 'New name' }]);
    expect(products.fetched).toHaveLength(2);
    // The two concurrent stale reads were one (single-flight); the refresh ran once.
    expect(cache.stats().product).toEqual({ hits: 2, staleHits: 1, misses: 1, coalesced: 1 });
  });

  it('expires entries without a grace period at their time limit', async () => {
    const cache = newCache(redis, namespace, { policies: { stock: { ttlMs: 80 } } });
    const stock = source((sku) => ({ sku }), 0);
    await cache.load({ type: 'stock', fetch: stock.fetch }, ['TTL-1']);
    await expect(redis.pTTL(`${namespace}:stock:TTL-1`)).resolves.toBeLessThanOrEqual(80);
    await sleep(120);
    await cache.load({ type: 'stock', fetch: stock.fetch }, ['TTL-1']);
    expect(stock.fetched).toHaveLength(2);
  });

  it('does not let a read that began before an eviction write its answer back, nor serve it to later callers', async () => {
    const cache = newCache(redis, namespace);
    let level = 10;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const fetched: number[] = [];
    const spec = {
      type: 'stock' as const,
      fetch: async (keys: readonly string[]) => {
        const seen = level;
        fetched.push(seen);
        if (fetched.length === 1) await gate;
        return new Map(keys.map((key) => [key, seen]));
      },
    };
    const early = cache.load(spec, ['RACE-1']);
    while (fetched.length === 0) await sleep(5);
    // The stock changes and its event evicts the entry while the first read is still under way.
    level = 4;
    await cache.evict([{ type: 'stock', key: 'RACE-1' }]);
    const late = cache.load(spec, ['RACE-1']);
    release();
    await expect(early).resolves.toEqual([10]);
    await expect(late).resolves.toEqual([4]);
    await expect(cache.load(spec, ['RACE-1'])).resolves.toEqual([4]);
    expect(fetched).toEqual([10, 4]);
  });

  it('fails every caller of a fetch that fails, and caches nothing', async () => {
    const cache = newCache(redis, namespace);
    const spec = { type: 'customer' as const, fetch: () => Promise.reject(new Error('Odoo is down')) };
    const results = await Promise.allSettled([cache.load(spec, ['FAIL-1']), cache.load(spec, ['FAIL-1'])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(redis.exists(`${namespace}:customer:FAIL-1`)).resolves.toBe(0);
  });
});
