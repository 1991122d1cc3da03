/**
 * Issue 8, parts 2 and 3: the gateway's response cache in a real Redis, over a real subgraph on port 0
 * that counts the "Odoo calls" it makes, answers per tenant and reports `extensions.callBudget`.
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { GraphQLError, parse } from 'graphql';
import { randomUUID } from 'node:crypto';
import { InMemoryApiKeyStore } from '../../gateway/auth/api-keys.js';
import {
  DEMO_API_KEYS,
  DEMO_INTERNAL_API_KEY,
  DEMO_PARTNER1_API_KEY,
  DEMO_PARTNER2_API_KEY,
} from '../../gateway/auth/demo-api-keys.js';
import { startGateway, type RunningGateway } from '../../gateway/server.js';
import { IDENTITY_HEADER, verifyIdentity } from '../../platform/auth/identity-token.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { NewEvent } from '../../platform/events/canonical-event.js';
import { EventLog } from '../../platform/events/event-log.js';
import { createLogger } from '../../platform/logger.js';
import { connectRedis, type RedisClient } from '../../platform/redis.js';
import { TEST_IDENTITY_SECRET } from '../support/graphql.js';
import { post } from './support/gateway-client.js';
import { composeSupergraph } from './support/test-subgraphs.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = createLogger({ name: 'test-response-cache', level: 'silent' });
const internal = { authorization: `Bearer ${DEMO_INTERNAL_API_KEY}` };
/** An internal caller asking for the call budget. */
const counting = { ...internal, 'x-dg-call-budget': '1' };
const partner1 = { authorization: `Bearer ${DEMO_PARTNER1_API_KEY}` };
const partner2 = { authorization: `Bearer ${DEMO_PARTNER2_API_KEY}` };

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Product @key(fields: "sku") { sku: String! name: String! }
  type Order @key(fields: "number") { number: String! status: String! lines: [Product!]! }
  type Quote { price: Int! }
  type Query {
    orders: [Order!]!
    order(number: String!): Order
    product(sku: String!): Product
    quote: Quote!
    broken: String
  }
  type Mutation { setStatus(number: String!, status: String!): Order }
`);

/** Orders by tenant: 7 is demo partner 1, 8 demo partner 2; internal callers see all. */
const orders = new Map([
  ['S00042', { number: 'S00042', tenant: 7, status: 'CONFIRMED', skus: ['SKU-1'] }],
  ['S00043', { number: 'S00043', tenant: 8, status: 'CONFIRMED', skus: ['SKU-2'] }],
]);
const products: Record<string, string> = { 'SKU-1': 'Olive oil 5 l', 'SKU-2': 'Basmati rice 10 kg' };
/** Subgraph requests served: what a warm hit must not add to. */
let calls = 0;

interface ShopContext {
  principal: Principal;
}
const visible = (context: any) =>
  [...orders.values()].filter(
    (o) => context.principal.kind === 'internal' || o.tenant === context.principal.tenantPartnerId,
  );
const orderOut = (o: { number: string; status: string; skus: string[] }) => ({
  number: o.number,
  status: o.status,
  lines: o.skus.map((sku) => ({ sku, name: products[sku] })),
});

const schema = buildSubgraphSchema({
  typeDefs,
  resolvers: {
    Query: {
      orders: (_: unknown, __: unknown, context: any) => visible(context).map(orderOut),
      order: (_: unknown, args: { number: string }, context: any) => {
        const found = visible(context).find((o) => o.number === args.number);
        return found ? orderOut(found) : null;
      },
      product: (_: unknown, args: { sku: string }) =>
        products[args.sku] ? { sku: args.sku, name: products[args.sku] } : null,
      quote: () => ({ price: 12 }),
      broken: () => {
        throw new GraphQLError('Odoo timed out.', { extensions: { code: 'UPSTREAM_UNAVAILABLE' } });
      },
    },
    Mutation: {
      setStatus: (_: unknown, args: { number: string; status: string }) => {
        const order = orders.get(args.number);
        if (!order) return null;
        order.status = args.status;
        return orderOut(order);
      },
    },
  },
});

async function startShop() {
  const server = new ApolloServer<ShopContext>({
    schema,
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      {
        // What our subgraphs report: each request counts as one Odoo call and one entity cache miss.
        requestDidStart: () =>
          Promise.resolve({
            willSendResponse: ({ response }) => {
              if (response.body.kind === 'single')
                response.body.singleResult.extensions = {
                  callBudget: { odoo: 1, wms: 0, carrier: 0, cacheHits: 0, cacheMisses: 1 },
                };
              return Promise.resolve();
            },
          }),
      },
    ],
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => {
      calls += 1;
      return { principal: await verifyIdentity(String(req.headers[IDENTITY_HEADER]), TEST_IDENTITY_SECRET) };
    },
  });
  return { url: new URL('graphql', url).toString(), close: () => server.stop() };
}

const ORDERS = '{ orders { number status lines { sku name } } }';

describe('response cache', () => {
  let shop: Awaited<ReturnType<typeof startShop>>;
  let gateway: RunningGateway;
  let redis: RedisClient;
  let log: EventLog;
  const stream = `test-response-cache-events-${randomUUID()}`;
  const namespace = `test-rc-${randomUUID()}`;

  beforeAll(async () => {
    shop = await startShop();
    redis = await connectRedis({ url: REDIS_URL, logger });
    log = new EventLog({ redis, stream });
    gateway = await startGateway({
      port: 0,
      supergraphSdl: composeSupergraph([{ name: 'shop', url: shop.url, typeDefs } as never]),
      identitySecret: TEST_IDENTITY_SECRET,
      apiKeys: new InMemoryApiKeyStore(
        DEMO_API_KEYS({
          internal: true,
          partners: [
            { tenantPartnerId: 7, name: 'Harbor Grill' },
            { tenantPartnerId: 8, name: 'Blue Fern' },
          ],
        }),
      ),
      logger,
      responseCache: { redis, namespace, eventStream: stream, ttls: { Quote: 0 } },
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await shop?.close();
    if (redis) {
      const keys = [stream];
      for await (const batch of redis.scanIterator({ MATCH: `${namespace}:*` })) keys.push(...batch);
      for await (const batch of redis.scanIterator({ MATCH: `${stream}:*` })) keys.push(...batch);
      await redis.del(keys);
      redis.destroy();
    }
  });

  beforeEach(() => {
    orders.get('S00042')!.status = 'CONFIRMED';
  });

  /** Subgraph requests made by `run`. */
  async function callsOf<T>(run: () => Promise<T>): Promise<[T, number]> {
    const before = calls;
    const result = await run();
    return [result, calls - before];
  }

  /** Appends an event and waits until the cache has seen it (a query of `probe` reaches the subgraph). */
  async function append(event: Omit<NewEvent, 'source' | 'time'>) {
    await log.append(
      { source: 'odoo', time: new Date().toISOString(), ...event },
      { dedupKey: `test:${randomUUID()}` },
    );
  }

  async function eventually(check: () => Promise<boolean>) {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('condition not met within 2 s');
  }

  it('answers a repeated query from the cache: no subgraph call, the same data', async () => {
    const query = '{ product(sku: "SKU-1") { sku name } }';
    const [first, cold] = await callsOf(() => post(gateway.url, query, partner1));
    const [second, warm] = await callsOf(() => post(gateway.url, query, partner1));
    expect(first.body).toEqual({ data: { product: { sku: 'SKU-1', name: 'Olive oil 5 l' } } });
    expect(second.body).toEqual(first.body);
    expect([cold, warm]).toEqual([1, 0]);
  });

  it('never gives one partner what was computed for another', async () => {
    const [one, oneCalls] = await callsOf(() => post(gateway.url, ORDERS, partner1));
    const [two, twoCalls] = await callsOf(() => post(gateway.url, ORDERS, partner2));
    expect(one.body.data.orders.map((o: { number: string }) => o.number)).toEqual(['S00042']);
    expect(two.body.data.orders.map((o: { number: string }) => o.number)).toEqual(['S00043']);
    expect([oneCalls, twoCalls]).toEqual([1, 1]);
    const [again, againCalls] = await callsOf(() => post(gateway.url, ORDERS, partner2));
    expect(again.body).toEqual(two.body);
    expect(againCalls).toBe(0);
  });

  it('tells internal callers who ask the call budget and whether the cache answered; nobody else', async () => {
    const query = '{ product(sku: "SKU-2") { sku } }';
    const cold = await post(gateway.url, query, counting);
    const warm = await post(gateway.url, query, counting);
    expect(cold.body).toEqual({
      data: { product: { sku: 'SKU-2' } },
      extensions: {
        cache: { hit: false },
        callBudget: { odoo: 1, wms: 0, carrier: 0, cacheHits: 0, cacheMisses: 1, responseCacheHit: false },
      },
    });
    expect(warm.body).toEqual({
      data: { product: { sku: 'SKU-2' } },
      extensions: {
        cache: { hit: true },
        callBudget: { odoo: 0, wms: 0, carrier: 0, cacheHits: 0, cacheMisses: 0, responseCacheHit: true },
      },
    });
    const unasked = await post(gateway.url, query, internal);
    expect(unasked.body).toEqual({ data: { product: { sku: 'SKU-2' } } });
    const asPartner = await post(gateway.url, '{ product(sku: "SKU-1") { name } }', {
      ...partner2,
      'x-dg-call-budget': '1',
    });
    expect(asPartner.body).toEqual({ data: { product: { name: 'Olive oil 5 l' } } });
  });

  it('evicts responses holding an order when an event about that order arrives, and only those', async () => {
    const other = '{ order(number: "S00043") { number status } }';
    await post(gateway.url, ORDERS, internal);
    await post(gateway.url, other, internal);
    orders.get('S00042')!.status = 'COMPLETED';
    const [stale, staleCalls] = await callsOf(() => post(gateway.url, ORDERS, internal));
    expect(staleCalls).toBe(0);
    expect(stale.body.data.orders[0]).toMatchObject({ number: 'S00042', status: 'CONFIRMED' });
    await append({
      type: 'order.status_changed',
      subject: 'S00042',
      tenantPartnerId: 7,
      data: { orderNumber: 'S00042', status: 'COMPLETED', previousStatus: 'CONFIRMED' },
    });
    await eventually(async () => {
      const [fresh, freshCalls] = await callsOf(() => post(gateway.url, ORDERS, internal));
      return freshCalls === 1 && fresh.body.data.orders[0].status === 'COMPLETED';
    });
    const [, otherCalls] = await callsOf(() => post(gateway.url, other, internal));
    expect(otherCalls).toBe(0);
  });

  it('evicts responses holding a product when its stock changes', async () => {
    const query = '{ order(number: "S00042") { number lines { sku } } }';
    await post(gateway.url, query, partner1);
    const [, warm] = await callsOf(() => post(gateway.url, query, partner1));
    expect(warm).toBe(0);
    await append({
      type: 'stock.changed',
      subject: 'SKU-1@CHI',
      tenantPartnerId: null,
      data: { sku: 'SKU-1', warehouseCode: 'CHI', available: 3, onHand: 5 },
    });
    await eventually(async () => (await callsOf(() => post(gateway.url, query, partner1)))[1] === 1);
  });

  it('never caches mutations; a mutation evicts the entities it returns', async () => {
    const query = '{ order(number: "S00042") { number status } }';
    await post(gateway.url, query, internal);
    const mutation = 'mutation { setStatus(number: "S00042", status: "CANCELLED") { number status } }';
    const [, first] = await callsOf(() => post(gateway.url, mutation, internal));
    const [, second] = await callsOf(() => post(gateway.url, mutation, internal));
    expect([first, second]).toEqual([1, 1]);
    await eventually(async () => {
      const result = await post(gateway.url, query, internal);
      return result.body.data.order.status === 'CANCELLED';
    });
  });

  it('answers without the cache, and without errors, when its Redis is gone', async () => {
    const lost = await connectRedis({ url: REDIS_URL, logger });
    const other = await startGateway({
      port: 0,
      supergraphSdl: composeSupergraph([{ name: 'shop', url: shop.url, typeDefs } as never]),
      identitySecret: TEST_IDENTITY_SECRET,
      apiKeys: new InMemoryApiKeyStore(
        DEMO_API_KEYS({ internal: true, partners: [{ tenantPartnerId: 7, name: 'Harbor Grill' }] }),
      ),
      logger,
      responseCache: { redis: lost, namespace, eventStream: null },
    });
    try {
      const query = '{ order(number: "S00042") { number status } }';
      const expected = { data: { order: { number: 'S00042', status: 'CONFIRMED' } } };
      await post(other.url, query, partner1);
      const [warm, warmCalls] = await callsOf(() => post(other.url, query, partner1));
      expect([warm.body, warmCalls]).toEqual([expected, 0]);
      lost.destroy();
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const [answer, answerCalls] = await callsOf(() => post(other.url, query, partner1));
        expect([answer.status, answer.body, answerCalls]).toEqual([200, expected, 1]);
      }
    } finally {
      await other.close();
      if (lost.isOpen) lost.destroy();
    }
  });

  it('does not cache responses with errors, nor types whose TTL is 0', async () => {
    for (const query of ['{ broken }', '{ quote { price } }']) {
      const [, first] = await callsOf(() => post(gateway.url, query, internal));
      const [, second] = await callsOf(() => post(gateway.url, query, internal));
      expect([query, first, second]).toEqual([query, 1, 1]);
    }
  });
});
