/**
 * Issue 8, part 2, end to end: the portal query through the whole stack (emulated Odoo, WMS and carrier,
 * the subgraphs, a real Redis). A warm answer costs no Odoo call; partners never share one; events about
 * a product or an order in it evict it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import {
  DEMO_INTERNAL_API_KEY,
  DEMO_PARTNER1_API_KEY,
  DEMO_PARTNER2_API_KEY,
} from '../../gateway/auth/demo-api-keys.js';
import type { NewEvent } from '../../platform/events/canonical-event.js';
import { EventLog } from '../../platform/events/event-log.js';
import { createLogger } from '../../platform/logger.js';
import { connectRedis, type RedisClient } from '../../platform/redis.js';
import { startEmbeddedStack, type EmbeddedStack } from '../../stack/embedded-stack.js';
import { post } from '../gateway/support/gateway-client.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = createLogger({ name: 'e2e-response-cache', level: 'silent' });

/** A customer's last 20 orders with lines, products, invoices and shipments (the benchmark's portal query). */
const PORTAL = `query Portal {
  orders(first: 20) {
    edges { node {
      number status orderedAt
      lines { product { sku name } quantity { value unit } }
      invoices { number status }
      shipments { trackingNumber status }
    } }
  }
}`;

const as = (key: string) => ({ authorization: `Bearer ${key}` });

describe('response cache through the stack', () => {
  let stack: EmbeddedStack;
  let redis: RedisClient;
  let log: EventLog;
  const stream = `test-e2e-response-cache-${randomUUID()}`;

  beforeAll(async () => {
    stack = await startEmbeddedStack({ logger, redisUrl: REDIS_URL, eventStream: stream, reconcile: false });
    redis = await connectRedis({ url: REDIS_URL, logger });
    log = new EventLog({ redis, stream });
  });

  afterAll(async () => {
    await stack?.close();
    if (redis) {
      const keys = [stream];
      for await (const batch of redis.scanIterator({ MATCH: `${stream}:*` })) keys.push(...batch);
      await redis.del(keys);
      redis.destroy();
    }
  });

  /** The answer to `query` as `key`, and the Odoo calls it cost. */
  async function portal(key: string, query = PORTAL) {
    stack.odoo.emulator.calls.reset();
    const headers = key === DEMO_INTERNAL_API_KEY ? { ...as(key), 'x-dg-call-budget': '1' } : as(key);
    const response = await post(stack.gateway.url, query, headers);
    return { body: response.body, odooCalls: stack.odoo.emulator.calls.total() };
  }

  async function append(event: Omit<NewEvent, 'source' | 'time'>) {
    await log.append(
      { source: 'odoo', time: new Date().toISOString(), ...event },
      { dedupKey: `test:${randomUUID()}` },
    );
  }

  async function eventually(check: () => Promise<boolean>) {
    for (let attempt = 0; attempt < 150; attempt += 1) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('condition not met within 3 s');
  }

  it('answers a warm portal query with no Odoo call and the same data', async () => {
    const cold = await portal(DEMO_PARTNER1_API_KEY);
    expect(cold.body.errors).toBeUndefined();
    expect(cold.body.data.orders.edges.length).toBeGreaterThan(0);
    expect(cold.odooCalls).toBeGreaterThan(0);
    const warm = await portal(DEMO_PARTNER1_API_KEY);
    expect(warm).toEqual({ body: cold.body, odooCalls: 0 });
  });

  it('never serves one partner the orders cached for another', async () => {
    const one = await portal(DEMO_PARTNER1_API_KEY);
    const two = await portal(DEMO_PARTNER2_API_KEY);
    expect(two.odooCalls).toBeGreaterThan(0);
    const numbers = (body: any): string[] => body.data.orders.edges.map((e: any) => e.node.number);
    expect(numbers(two.body).length).toBeGreaterThan(0);
    expect(numbers(two.body).filter((n) => numbers(one.body).includes(n))).toEqual([]);
  });

  it('reports to internal callers what an answer cost: Odoo calls cold, nothing warm', async () => {
    const cold = await portal(DEMO_INTERNAL_API_KEY);
    expect(cold.body.extensions.cache).toEqual({ hit: false });
    expect(cold.body.extensions.callBudget).toMatchObject({ responseCacheHit: false });
    expect(cold.body.extensions.callBudget.odoo).toBeGreaterThan(0);
    expect(cold.body.extensions.callBudget.odoo).toBeLessThanOrEqual(cold.odooCalls);
    const warm = await portal(DEMO_INTERNAL_API_KEY);
    expect(warm.odooCalls).toBe(0);
    expect(warm.body.extensions).toEqual({
      cache: { hit: true },
      callBudget: { odoo: 0, wms: 0, carrier: 0, cacheHits: 0, cacheMisses: 0, responseCacheHit: true },
    });
    const partner = await portal(DEMO_PARTNER1_API_KEY);
    expect(partner.body.extensions).toBeUndefined();
  });

  it('refuses a field a partner may not see every time: a refusal is never cached', async () => {
    const query = '{ products(first: 1) { edges { node { sku cost { amount } } } } }';
    await portal(DEMO_INTERNAL_API_KEY, query);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const { body } = await portal(DEMO_PARTNER1_API_KEY, query);
      expect(body.data).toBeUndefined();
      expect(body.errors.map((e: any) => e.extensions.code)).toEqual(['FORBIDDEN']);
    }
  });

  it('evicts the cached answer when a product in it changes stock, or an order in it changes status', async () => {
    const { body } = await portal(DEMO_PARTNER1_API_KEY);
    const first = body.data.orders.edges[0].node;
    const sku: string = body.data.orders.edges
      .flatMap((e: any) => e.node.lines)
      .find((line: any) => line.product)?.product.sku;
    expect((await portal(DEMO_PARTNER1_API_KEY)).odooCalls).toBe(0);
    await append({
      type: 'stock.changed',
      subject: `${sku}@CHI`,
      tenantPartnerId: null,
      data: { sku, warehouseCode: 'CHI', available: 1, onHand: 1 },
    });
    await eventually(async () => (await portal(DEMO_PARTNER1_API_KEY)).odooCalls > 0);
    expect((await portal(DEMO_PARTNER1_API_KEY)).odooCalls).toBe(0);
    await append({
      type: 'order.status_changed',
      subject: first.number,
      tenantPartnerId: stack.demoPartners[0]!.tenantPartnerId,
      data: { orderNumber: first.number, status: first.status, previousStatus: null },
    });
    await eventually(async () => (await portal(DEMO_PARTNER1_API_KEY)).odooCalls > 0);
  });
});
