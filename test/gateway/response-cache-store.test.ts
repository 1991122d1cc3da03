/**
 * The response cache's Redis store (real Redis, reached through a TCP proxy the tests can cut) and the
 * mapping from events to the cache tags they evict.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { loadGatewayConfig } from '../../gateway/config.js';
import { invalidationTags } from '../../platform/cache/response-cache-tags.js';
import { ResponseCacheStore } from '../../gateway/plugins/useResponseCacheStore.js';
import { responseCacheTtlsSchema } from '../../gateway/plugins/useResponseCacheTtls.js';
import type { CanonicalEvent } from '../../platform/events/canonical-event.js';
import { createLogger } from '../../platform/logger.js';
import { connectRedis, type RedisClient } from '../../platform/redis.js';
import { TEST_IDENTITY_SECRET } from '../support/graphql.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = createLogger({ name: 'test-response-cache-store', level: 'silent' });

/** A TCP proxy to Redis on a fixed port, which the test can cut (an outage) and restore. */
async function startRedisProxy() {
  const target = new URL(REDIS_URL);
  const sockets = new Set<Socket>();
  let server: Server;
  const listen = (port: number) =>
    new Promise<number>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(Number(target.port || 6379), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('error', () => undefined);
          socket.on('close', () => sockets.delete(socket));
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    });
  const port = await listen(0);
  const cut = async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
  };
  return { url: `redis://127.0.0.1:${port}`, cut, restore: () => listen(port), close: cut };
}

const eventually = async (check: () => Promise<boolean> | boolean, ms = 5000) => {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('ResponseCacheStore', () => {
  let proxy: Awaited<ReturnType<typeof startRedisProxy>>;
  let viaProxy: RedisClient;
  let direct: RedisClient;
  let store: ResponseCacheStore;
  const namespace = `test-rc-store-${randomUUID()}`;
  const result = (name: string) => ({ data: { product: { name } } });

  beforeAll(async () => {
    proxy = await startRedisProxy();
    viaProxy = await connectRedis({ url: proxy.url, logger });
    direct = await connectRedis({ url: REDIS_URL, logger });
    store = new ResponseCacheStore({ redis: viaProxy, logger, namespace });
  });

  afterEach(async () => {
    const keys: string[] = [];
    for await (const batch of direct.scanIterator({ MATCH: `${namespace}:*` })) keys.push(...batch);
    if (keys.length > 0) await direct.del(keys);
  });

  afterAll(async () => {
    store?.close();
    viaProxy?.destroy();
    direct?.destroy();
    await proxy?.close();
  });

  it('keeps a response for its TTL, under its tags', async () => {
    expect(await store.set('a', result('Oil'), ['Product:SKU-1'], 60_000, performance.now())).toBe(true);
    expect(await store.set('b', result('Rice'), ['Product:SKU-2'], 30, performance.now())).toBe(true);
    expect(await store.get('a')).toEqual(result('Oil'));
    expect(await direct.sMembers(`${namespace}:response-cache:t:Product:SKU-1`)).toEqual(['a']);
    await eventually(async () => (await store.get('b')) === null);
    expect(await store.get('missing')).toBeNull();
  });

  it('evicts exactly the responses holding an invalidated tag', async () => {
    const now = performance.now();
    await store.set('both', result('x'), ['Order:S1', 'Product:SKU-1'], 60_000, now);
    await store.set('order', result('y'), ['Order:S1'], 60_000, now);
    await store.set('other', result('z'), ['Order:S2'], 60_000, now);
    await store.invalidate(['Order:S1']);
    expect([await store.get('both'), await store.get('order'), await store.get('other')]).toEqual([
      null,
      null,
      result('z'),
    ]);
    expect(await direct.exists(`${namespace}:response-cache:t:Order:S1`)).toBe(0);
  });

  it('does not store an answer begun before one of its tags was invalidated', async () => {
    const begun = performance.now();
    await store.invalidate(['Product:SKU-9']);
    expect(await store.set('late', result('old'), ['Product:SKU-9'], 60_000, begun)).toBe(false);
    expect(await store.get('late')).toBeNull();
    expect(await store.set('late', result('new'), ['Product:SKU-9'], 60_000, performance.now())).toBe(true);
  });

  it('answers misses during an outage, keeps the invalidation and applies it before caching again', async () => {
    await store.set('kept', result('before'), ['Order:S7'], 60_000, performance.now());
    await proxy.cut();
    expect(await store.get('kept')).toBeNull();
    expect(await store.set('new', result('x'), ['Order:S8'], 60_000, performance.now())).toBe(false);
    await expect(store.invalidate(['Order:S7'])).resolves.toBeUndefined();
    expect(store.usable).toBe(false);
    await proxy.restore();
    await eventually(() => store.usable);
    expect(await direct.exists(`${namespace}:response-cache:r:kept`)).toBe(0);
    expect(await store.set('new', result('x'), ['Order:S8'], 60_000, performance.now())).toBe(true);
    expect(await store.get('new')).toEqual(result('x'));
  }, 15_000);
});

describe('invalidationTags', () => {
  const event = (type: string, subject: string, data: object, tenantPartnerId: number | null = 7) =>
    ({
      id: '1-0',
      type,
      source: 'odoo',
      subject,
      time: new Date().toISOString(),
      tenantPartnerId,
      data,
    }) as CanonicalEvent;

  it('maps each event type to the entities and tenant lists it changes', () => {
    expect(
      invalidationTags(
        event('order.status_changed', 'S00042', {
          orderNumber: 'S00042',
          status: 'CONFIRMED',
          previousStatus: null,
        }),
      ),
    ).toEqual([
      'Order:S00042',
      'Query.orders@7',
      'Query.orders@internal',
      'Customer.orders@7',
      'Customer.orders@internal',
    ]);
    expect(
      invalidationTags(
        event(
          'stock.changed',
          'SKU-1@CHI',
          { sku: 'SKU-1', warehouseCode: 'CHI', available: 1, onHand: 2 },
          null,
        ),
      ),
    ).toEqual(['Product:SKU-1', 'LineAvailability:SKU-1']);
    expect(
      invalidationTags(
        event('shipment.updated', '1Z999', {
          trackingNumber: '1Z999',
          carrier: 'UPS',
          status: 'IN_TRANSIT',
          estimatedDeliveryAt: null,
          orderNumber: 'S00042',
          lastEvent: null,
        }),
      ),
    ).toEqual(['Shipment:1Z999', 'Package:1Z999', 'Order:S00042']);
    expect(
      invalidationTags(
        event('fulfillment.updated', 'S00042', {
          orderNumber: 'S00042',
          status: 'SHIPPED',
          packages: [{ trackingNumber: '1Z1', carrier: 'UPS', service: null }],
        }),
      ),
    ).toEqual(['Order:S00042', 'Fulfillment:S00042', 'Package:1Z1', 'Shipment:1Z1']);
  });

  it('evicts the subject even when the data do not parse', () => {
    expect(invalidationTags(event('order.status_changed', 'S00099', { status: 'ODD' }, null))).toEqual([
      'Order:S00099',
      'Query.orders@internal',
      'Customer.orders@internal',
    ]);
    expect(invalidationTags(event('stock.changed', 'SKU-@1@CHI', {}))).toEqual([
      'Product:SKU-@1',
      'LineAvailability:SKU-@1',
    ]);
  });
});

describe('the gateway configuration of the response cache', () => {
  const env = { IDENTITY_SIGNING_SECRET: TEST_IDENTITY_SECRET, REDIS_URL: 'redis://127.0.0.1:6379' };

  it('is on with REDIS_URL, off without it or with RESPONSE_CACHE=off', () => {
    expect(loadGatewayConfig(env, []).responseCache).toEqual({ ttls: {}, eventStream: 'dg:events' });
    expect(
      loadGatewayConfig({ ...env, RESPONSE_CACHE_TTLS: 'Product=600', EVENT_STREAM: 'x:events' }, [])
        .responseCache,
    ).toEqual({ ttls: { Product: 600 }, eventStream: 'x:events' });
    expect(loadGatewayConfig({ ...env, RESPONSE_CACHE: 'off' }, []).responseCache).toBeUndefined();
    expect(
      loadGatewayConfig({ IDENTITY_SIGNING_SECRET: TEST_IDENTITY_SECRET }, []).responseCache,
    ).toBeUndefined();
  });

  it('names a bad value at boot', () => {
    expect(() => loadGatewayConfig({ ...env, RESPONSE_CACHE_TTLS: 'Product=soon' }, [])).toThrow(
      /RESPONSE_CACHE_TTLS/,
    );
    expect(() => loadGatewayConfig({ ...env, RESPONSE_CACHE: 'maybe' }, [])).toThrow(/RESPONSE_CACHE/);
  });
});

describe('RESPONSE_CACHE_TTLS', () => {
  it('reads Type=seconds and Type.field=seconds pairs, and refuses anything else', () => {
    expect(responseCacheTtlsSchema.parse('Product=600, Order.progress=0')).toEqual({
      Product: 600,
      'Order.progress': 0,
    });
    expect(responseCacheTtlsSchema.parse(undefined)).toEqual({});
    expect(responseCacheTtlsSchema.safeParse('Product=-1').success).toBe(false);
    expect(responseCacheTtlsSchema.safeParse('Product').success).toBe(false);
  });
});
