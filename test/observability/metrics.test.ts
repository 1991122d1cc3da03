/**
 * Issue 9, part 1: after exercising the whole stack (queries reaching Odoo, the WMS and the carrier, a
 * subscription held open, an order confirmed in Odoo and delivered to a partner's webhook endpoint),
 * `/metrics` holds every family with sensible values. The embedded stack is one process: one registry,
 * served by the gateway, every subgraph and the events service alike.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OdooClient, odooConfigSchema } from '../../connectors/odoo/index.js';
import { DEMO_INTERNAL_API_KEY, DEMO_PARTNER1_API_KEY } from '../../gateway/auth/demo-api-keys.js';
import { createLogger } from '../../platform/logger.js';
import { connectRedis, type RedisClient } from '../../platform/redis.js';
import { startEmbeddedStack, type EmbeddedStack } from '../../stack/embedded-stack.js';
import { post } from '../gateway/support/gateway-client.js';
import { openSubscription, type LiveSubscription } from '../support/live-subscription.js';
import { sample, scrape } from './prometheus-text.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = createLogger({ name: 'test-metrics', level: 'silent' });
const internal = { authorization: `Bearer ${DEMO_INTERNAL_API_KEY}` };

const ORDERS = `query Orders { orders(first: 5) { edges { node { number
  fulfillment { status } shipments { trackingNumber status } } } } }`;
const REGISTER = `mutation Register($input: RegisterWebhookEndpointInput!) {
  registerWebhookEndpoint(input: $input) { __typename }
}`;

async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('/metrics after exercising the stack', () => {
  let stack: EmbeddedStack;
  let redis: RedisClient;
  let endpoint: Server;
  let delivered = 0;
  let subscription: LiveSubscription;
  const stream = `test-metrics-${randomUUID()}`;

  beforeAll(async () => {
    stack = await startEmbeddedStack({
      logger,
      redisUrl: REDIS_URL,
      eventStream: stream,
      reconcile: { autoStart: false },
    });
    redis = await connectRedis({ url: REDIS_URL, logger });
    endpoint = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        delivered += 1;
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    const { port } = endpoint.address() as AddressInfo;
    const registered = await post(
      stack.gateway.url,
      REGISTER,
      { authorization: `Bearer ${DEMO_PARTNER1_API_KEY}` },
      {
        input: { url: `http://127.0.0.1:${port}/hooks`, eventTypes: ['ORDER_STATUS_CHANGED'] },
      },
    );
    expect(registered.body.data.registerWebhookEndpoint.__typename).toBe('WebhookEndpointRegistered');

    // A query through the gateway to Odoo, the WMS and the carrier; one the gateway refuses.
    const orders = await post(stack.gateway.url, ORDERS, internal);
    expect(orders.body.errors).toBeUndefined();
    const refused = await post(stack.gateway.url, 'query Orders { orders { nope } }', internal);
    expect(refused.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // A subscription held open through the gateway to the orders subgraph.
    subscription = openSubscription(stack.gateway.url, 'subscription { orderStatusChanged { eventId } }', {
      authorization: `Bearer ${DEMO_INTERNAL_API_KEY}`,
    });
    // An order confirmed in Odoo: its webhook becomes an event, delivered to the partner's endpoint.
    const odoo = new OdooClient({
      config: odooConfigSchema.parse({
        url: stack.odoo.url,
        apiKey: stack.odoo.apiKey,
        database: stack.odoo.database,
        login: stack.odoo.login,
      }),
      logger,
    });
    const [product] = await odoo.searchRead('product.product', {
      domain: [['sale_ok', '=', true]],
      fields: ['name'],
      limit: 1,
    });
    const [id] = await odoo.create('sale.order', [
      {
        partner_id: stack.demoPartners[0]!.tenantPartnerId,
        order_line: [[0, 0, { product_id: Number(product!.id), product_uom_qty: 1 }]],
      },
    ]);
    await odoo.callMethod('sale.order', 'action_confirm', { ids: [id!] });
    await until(() => delivered > 0, 'a webhook delivery');
    await until(
      async () =>
        sample(await scrape(stack.gateway.url), 'dg_subscriptions_open', { service: 'orders' }) === 1,
      'the subscription to reach the orders subgraph',
    );
  }, 60_000);

  afterAll(async () => {
    await subscription?.dispose();
    await stack?.close();
    await new Promise((resolve) => endpoint?.close(resolve));
    if (redis) {
      const keys = [stream];
      for await (const batch of redis.scanIterator({ MATCH: `${stream}:*`, COUNT: 1000 }))
        keys.push(...batch);
      await redis.del(keys);
      redis.destroy();
    }
  });

  it('counts GraphQL operations at the gateway and in the subgraphs, by operation, outcome and principal', async () => {
    const text = await scrape(stack.gateway.url);
    const gateway = { service: 'gateway', operation: 'Orders', principal: 'internal' };
    expect(sample(text, 'dg_graphql_requests_total', { ...gateway, outcome: 'ok' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(
      sample(text, 'dg_graphql_requests_total', { service: 'gateway', outcome: 'rejected' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'dg_graphql_request_duration_seconds_count', { ...gateway, outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'dg_graphql_request_duration_seconds_sum', { ...gateway, outcome: 'ok' }),
    ).toBeGreaterThan(0);
    expect(
      sample(text, 'dg_graphql_requests_total', { service: 'orders', outcome: 'ok', principal: 'internal' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'dg_subgraph_fetches_total', { subgraph: 'orders', outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'dg_subgraph_fetch_duration_seconds_count', { subgraph: 'warehouse' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('counts calls to Odoo, the WMS and the carrier with latency and circuit state', async () => {
    const text = await scrape(stack.gateway.url);
    for (const system of ['odoo', 'wms', 'carrier']) {
      expect(sample(text, 'dg_connector_calls_total', { system, outcome: 'ok' })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'dg_connector_call_duration_seconds_count', { system })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'dg_connector_circuit_state', { system })).toBe(0);
    }
    expect(
      sample(text, 'dg_connector_calls_total', { system: 'odoo', method: 'sale.order.search_read' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('reads the event stream, its consumer groups and dead letters from Redis', async () => {
    const text = await scrape(stack.events!.url);
    expect(sample(text, 'dg_event_stream_length', { stream })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'dg_event_dead_letters', { stream })).toBe(0);
    expect(sample(text, 'dg_event_consumer_lag', { stream })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'dg_event_consumer_pending', { stream })).toBeGreaterThanOrEqual(0);
  });

  it('counts webhook deliveries, open subscriptions, orchestration steps and cache lookups', async () => {
    const text = await scrape(stack.subgraphs.orders.url);
    expect(sample(text, 'dg_webhook_deliveries_total', { outcome: 'delivered' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'dg_subscriptions_open', { service: 'gateway' })).toBe(1);
    expect(sample(text, 'dg_subscriptions_open', { service: 'orders' })).toBe(1);
    expect(sample(text, 'dg_orchestration_orders', { state: 'stuck' })).toBeGreaterThanOrEqual(0);
    expect(
      sample(text, 'dg_orchestration_oldest_order_age_seconds', { state: 'stuck' }),
    ).toBeGreaterThanOrEqual(0);
    expect(text).toContain('# TYPE dg_cache_lookups_total counter');
    expect(sample(text, 'dg_process_cpu_user_seconds_total', {})).toBeGreaterThan(0);
    expect(sample(text, 'dg_nodejs_heap_size_used_bytes', {})).toBeGreaterThan(0);
  });

  it('closes subscriptions in the gauge when the client goes away', async () => {
    await subscription.dispose();
    await until(
      async () =>
        sample(await scrape(stack.gateway.url), 'dg_subscriptions_open', { service: 'orders' }) === 0,
      'the subgraph subscription to end',
    );
    expect(sample(await scrape(stack.gateway.url), 'dg_subscriptions_open', { service: 'gateway' })).toBe(0);
  });
});
