/**
 * Events evict the cache entries they make stale before anyone can read them: what each event type
 * evicts, the eviction seen from a subscriber of the stream, and an append refused when eviction fails.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { entriesAffectedBy } from '../../platform/cache/entries-affected-by.js';
import { ResponseCacheStore } from '../../gateway/plugins/useResponseCacheStore.js';
import { InvalidatingEventLog } from '../../platform/cache/invalidating-event-log.js';
import type { NewEvent } from '../../platform/events/canonical-event.js';
import { connectRedis, type RedisClient } from '../../platform/redis.js';
import { dropNamespace, newCache, REDIS_URL, silent, testNamespace } from './cache-support.js';

const time = '2026-03-02T09:00:00.000Z';

function stockChanged(sku: string, available: number): NewEvent {
  return {
    type: 'stock.changed',
    source: 'wms',
    subject: `${sku}@CHI`,
    time,
    tenantPartnerId: null,
    data: { sku, warehouseCode: 'CHI', available, onHand: available },
  };
}

describe('entriesAffectedBy', () => {
  it('maps each event to exactly the entries it changes', () => {
    expect(entriesAffectedBy(stockChanged('W-1', 3))).toEqual([{ type: 'stock', key: 'W-1' }]);
    expect(
      entriesAffectedBy({
        type: 'order.status_changed',
        data: { orderNumber: 'S00042', status: 'CONFIRMED', previousStatus: 'DRAFT' },
      }),
    ).toEqual([{ type: 'order', key: 'S00042' }]);
    expect(
      entriesAffectedBy({
        type: 'shipment.updated',
        data: { trackingNumber: '1Z', carrier: 'x', status: 'IN_TRANSIT', orderNumber: null },
      }),
    ).toEqual([]);
    expect(
      entriesAffectedBy({
        type: 'fulfillment.updated',
        data: {
          orderNumber: 'S00043',
          status: 'SHIPPED',
          invoiceNumbers: ['INV/2026/0001', 'INV/2026/0002'],
        },
      }),
    ).toEqual([
      { type: 'order', key: 'S00043' },
      { type: 'invoice', key: 'INV/2026/0001' },
      { type: 'invoice', key: 'INV/2026/0002' },
    ]);
  });
});

describe('InvalidatingEventLog', () => {
  let redis: RedisClient;
  const namespace = testNamespace();
  const stream = `test-cache-events-${randomUUID()}`;

  beforeAll(async () => {
    redis = await connectRedis({ url: REDIS_URL, logger: silent });
  });
  afterAll(async () => {
    await dropNamespace(redis, namespace);
    const keys = [stream];
    for await (const batch of redis.scanIterator({ MATCH: `${stream}:*` })) keys.push(...batch);
    await redis.del(keys);
    redis.destroy();
  });

  it('evicts the entries of an event before a subscriber of the stream can see it', async () => {
    const cache = newCache(redis, namespace);
    const log = new InvalidatingEventLog({ redis, stream, cache });
    const spec = {
      type: 'stock' as const,
      fetch: (keys: readonly string[]) => Promise.resolve(new Map(keys.map((k) => [k, 9]))),
    };
    await cache.load(spec, ['EV-1', 'EV-2']);
    const controller = new AbortController();
    const seenWhenDelivered: number[] = [];
    const following = (async () => {
      for await (const event of log.subscribe({ after: '$', signal: controller.signal })) {
        seenWhenDelivered.push(await redis.exists(`${namespace}:stock:${event.data.sku as string}`));
        controller.abort();
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await log.append(stockChanged('EV-1', 2), { dedupKey: `test:${randomUUID()}` });
    await following;
    expect(seenWhenDelivered).toEqual([0]);
    // Exactly the event's entries: the other product's stock is still cached.
    await expect(redis.exists(`${namespace}:stock:EV-2`)).resolves.toBe(1);
  });

  it('evicts the gateway’s cached responses holding the event’s entities before appending it', async () => {
    const responses = new ResponseCacheStore({ redis, logger: silent, namespace });
    const started = performance.now();
    const product = { data: { product: { sku: 'EV-4', stock: [{ available: 9 }] } } };
    const other = { data: { product: { sku: 'EV-5', stock: [{ available: 9 }] } } };
    await responses.set('page-ev-4', product, ['Product:EV-4'], 60_000, started);
    await responses.set('page-ev-5', other, ['Product:EV-5'], 60_000, started);
    const log = new InvalidatingEventLog({
      redis,
      stream,
      cache: newCache(redis, namespace),
      responseCache: { redis, namespace },
    });

    await log.append(stockChanged('EV-4', 2), { dedupKey: `test:${randomUUID()}` });

    // Gone the moment the append resolves, before any gateway has read the event.
    await expect(responses.get('page-ev-4')).resolves.toBeNull();
    await expect(responses.get('page-ev-5')).resolves.toEqual(other);
  });

  it('refuses the append (EVENT_APPEND_FAILED, nothing appended) when the entries cannot be evicted', async () => {
    const log = new InvalidatingEventLog({
      redis,
      stream,
      cache: { evict: () => Promise.reject(new Error('Redis is read-only')) },
    });
    const before = await log.latestId();
    await expect(
      log.append(stockChanged('EV-3', 1), { dedupKey: `test:${randomUUID()}` }),
    ).rejects.toMatchObject({
      code: 'EVENT_APPEND_FAILED',
      cause: new Error('Redis is read-only'),
    });
    await expect(log.latestId()).resolves.toBe(before);
  });
});
