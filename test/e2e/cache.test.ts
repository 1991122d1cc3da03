/**
 * Issue 8: the entity cache in the embedded stack. The events service evicts what an event changes
 * before appending it, so a subscriber through the gateway gets a stock event only once the inventory
 * subgraph's cached figure is gone, and a query right after it answers the new one.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { OdooClient, odooConfigSchema } from '../../connectors/odoo/index.js';
import { DEMO_INTERNAL_API_KEY } from '../../gateway/auth/demo-api-keys.js';
import { createLogger } from '../../platform/logger.js';
import { connectRedis, type RedisClient } from '../../platform/redis.js';
import { startEmbeddedStack, type EmbeddedStack } from '../../stack/embedded-stack.js';
import { dropNamespace, REDIS_URL, setStock, testNamespace } from '../cache/cache-support.js';
import { internalPrincipal, postAs, TEST_IDENTITY_SECRET } from '../support/graphql.js';
import { openSubscription } from '../support/live-subscription.js';

const logger = createLogger({ name: 'e2e-cache', level: 'silent' });

describe('entity cache in the stack', () => {
  let stack: EmbeddedStack;
  let redis: RedisClient;
  const namespace = testNamespace();
  const stream = `test-e2e-cache-${randomUUID()}`;

  beforeAll(async () => {
    stack = await startEmbeddedStack({
      logger,
      redisUrl: REDIS_URL,
      eventStream: stream,
      reconcile: false,
      identitySecret: TEST_IDENTITY_SECRET,
      entityCache: { namespace },
      odoo: { port: 0, demo: { scale: 0.25, seed: 6 } },
    });
    redis = await connectRedis({ url: REDIS_URL, logger });
  });
  afterAll(async () => {
    await stack?.close();
    if (redis) {
      await dropNamespace(redis, namespace);
      const keys = [stream];
      for await (const batch of redis.scanIterator({ MATCH: `${stream}:*` })) keys.push(...batch);
      if (keys.length > 0) await redis.del(keys);
      redis.destroy();
    }
  });

  it('delivers a stock event through the gateway only after the cached figure is evicted', async () => {
    const env = stack.odoo.emulator.env();
    const [warehouseId] = env.search('stock.warehouse', [], { order: 'id', limit: 1 });
    const warehouseCode = env.get('stock.warehouse', warehouseId!).code as string;
    const [productId] = env.search(
      'product.product',
      [
        ['is_storable', '=', true],
        ['default_code', '!=', false],
      ],
      {
        order: 'default_code',
        limit: 1,
      },
    );
    const sku = env.get('product.product', productId!).default_code as string;
    const query = `query ($sku: String!) { product(sku: $sku) { stock(warehouse: "${warehouseCode}") { available { value } } } }`;
    const figure = async () => {
      const response = await postAs(stack.subgraphs.inventory.url, internalPrincipal, query, { sku });
      return response.body.data.product.stock[0].available.value as string;
    };
    const old = await figure();
    await expect(redis.exists(`${namespace}:stock:${sku}`)).resolves.toBe(1);
    setStock(stack.odoo, productId!, warehouseId!, Number(old) + 25);
    const odoo = new OdooClient({
      config: odooConfigSchema.parse({
        url: stack.odoo.url,
        apiKey: stack.odoo.apiKey,
        database: stack.odoo.database,
        login: stack.odoo.login,
      }),
      logger,
    });
    const [now] = await odoo.read('product.product', [productId!], ['free_qty'], { warehouse: warehouseId! });
    const available = String(now!.free_qty);
    expect(available).not.toBe(old);
    // Odoo has the new figure; until an event says so, the cache answers the old one.
    await expect(figure()).resolves.toBe(old);

    // From the log's current end, so that the event cannot slip past a subscription still being set up.
    const after = await stack.events!.log.latestId();
    const subscription = openSubscription(
      stack.gateway.url,
      `subscription ($skus: [String!], $after: ID) { stockChanged(skus: $skus, after: $after) { sku } }`,
      { authorization: `Bearer ${DEMO_INTERNAL_API_KEY}` },
      { skus: [sku], after },
    );
    const afterEvent = (async () => {
      await subscription.until(1, 10_000);
      return figure();
    })();
    await stack.events!.log.append(
      {
        type: 'stock.changed',
        source: 'wms',
        subject: `${sku}@${warehouseCode}`,
        time: new Date().toISOString(),
        tenantPartnerId: null,
        data: { sku, warehouseCode, available: Number(available), onHand: null },
      },
      { dedupKey: `test:${randomUUID()}` },
    );
    await expect(afterEvent).resolves.toBe(available);
    await subscription.dispose();
    expect(subscription.results[0]).toEqual({ data: { stockChanged: { sku } } });
  });
});
