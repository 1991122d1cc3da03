/**
 * The entity cache under real subgraphs, an emulated Odoo and a real Redis: a stock event reaches a
 * subscriber only after the stock it changes was evicted; a burst of queries for one product costs one
 * Odoo call; partners never get from the cache what is not theirs; internal callers see the call budget.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { OdooClient, odooConfigSchema } from '../../connectors/odoo/index.js';
import { startOdooEmulator, type RunningOdooEmulator } from '../../connectors/odoo/emulator/server.js';
import { countCallsTo } from '../../platform/cache/call-budget.js';
import { CALL_BUDGET_HEADER } from '../../platform/cache/call-budget-plugin.js';
import { InvalidatingEventLog } from '../../platform/cache/invalidating-event-log.js';
import { signIdentity } from '../../platform/auth/identity-token.js';
import type { Principal } from '../../platform/auth/principal.js';
import { openEventHub, type OpenedEventHub } from '../../platform/events/open-event-hub.js';
import type { RunningSubgraph } from '../../platform/graphql/start-subgraph-server.js';
import { connectRedis, type RedisClient } from '../../platform/redis.js';
import { startInventorySubgraph } from '../../subgraphs/inventory/server.js';
import { startOrdersSubgraph } from '../../subgraphs/orders/server.js';
import { internalPrincipal, partnerPrincipal, postAs, TEST_IDENTITY_SECRET } from '../support/graphql.js';
import { openSubscription } from '../support/live-subscription.js';
import { dropNamespace, newCache, REDIS_URL, setStock, silent, testNamespace } from './cache-support.js';

const PRODUCT = `query ($sku: String!) { product(sku: $sku) { sku name } }`;
const STOCK = `query ($sku: String!) { product(sku: $sku) { sku stock(warehouse: "WH1") { available { value } } } }`;

describe('cached subgraphs', () => {
  let odoo: RunningOdooEmulator;
  let client: OdooClient;
  let redis: RedisClient;
  let events: OpenedEventHub;
  let log: InvalidatingEventLog;
  let inventory: RunningSubgraph;
  let orders: RunningSubgraph;
  let warehouse: { id: number; code: string };
  const namespace = testNamespace();
  const stream = `test-cache-stream-${randomUUID()}`;
  const odooCalls = () => odoo.emulator.calls.total();

  beforeAll(async () => {
    odoo = await startOdooEmulator({ port: 0, demo: { scale: 0.25, seed: 3 } });
    client = new OdooClient({
      config: odooConfigSchema.parse({
        url: odoo.url,
        apiKey: odoo.apiKey,
        database: odoo.database,
        login: odoo.login,
        protocol: 'json2',
      }),
      logger: silent,
      onCall: countCallsTo.odoo,
    });
    redis = await connectRedis({ url: REDIS_URL, logger: silent });
    events = await openEventHub({ url: REDIS_URL, logger: silent, stream });
    log = new InvalidatingEventLog({ redis, stream, cache: newCache(redis, namespace) });
    const common = { odoo: client, logger: silent, identitySecret: TEST_IDENTITY_SECRET };
    inventory = await startInventorySubgraph({
      ...common,
      events: events.hub,
      cache: newCache(redis, namespace),
    });
    orders = await startOrdersSubgraph({ ...common, cache: newCache(redis, namespace) });
    const [found] = await client.searchRead('stock.warehouse', { fields: ['code'], order: 'id', limit: 1 });
    warehouse = { id: found!.id, code: found!.code! };
  });
  afterAll(async () => {
    await events?.close();
    await inventory?.close();
    await orders?.close();
    await odoo?.close();
    if (redis) {
      await dropNamespace(redis, namespace);
      const keys = [stream];
      for await (const batch of redis.scanIterator({ MATCH: `${stream}:*` })) keys.push(...batch);
      await redis.del(keys);
      redis.destroy();
    }
  });

  /** A stocked product with an SKU that no other test here touches. */
  async function product(offset: number): Promise<{ id: number; sku: string }> {
    const [found] = await client.searchRead('product.product', {
      domain: [
        ['is_storable', '=', true],
        ['default_code', '!=', false],
      ],
      fields: ['default_code'],
      order: 'default_code',
      offset,
      limit: 1,
    });
    return { id: found!.id, sku: found!.default_code! };
  }

  it('delivers a stock event only after the stock it changes was evicted: a query right after it sees the new figure', async () => {
    const { id, sku } = await product(0);
    const query = STOCK.replace('WH1', warehouse.code);
    setStock(odoo, id, warehouse.id, 40);
    const before = await postAs(inventory.url, internalPrincipal, query, { sku });
    const old = before.body.data.product.stock[0].available.value as string;
    // The stock changes in Odoo; until the event, the cache still answers the old figure.
    setStock(odoo, id, warehouse.id, 7);
    const cached = await postAs(inventory.url, internalPrincipal, query, { sku });
    expect(cached.body.data.product.stock[0].available.value).toBe(old);
    const subscription = openSubscription(
      inventory.url,
      `subscription ($skus: [String!]) { stockChanged(skus: $skus) { sku product { stock(warehouse: "${warehouse.code}") { available { value } } } } }`,
      { 'x-dg-identity': await signIdentity(internalPrincipal, TEST_IDENTITY_SECRET) },
      { skus: [sku] },
    );
    const freshAfterEvent: unknown[] = [];
    const seen = (async () => {
      await subscription.until(1);
      freshAfterEvent.push((await postAs(inventory.url, internalPrincipal, query, { sku })).body);
    })();
    const [odooNow] = await client.read('product.product', [id], ['free_qty'], { warehouse: warehouse.id });
    const available = odooNow!.free_qty!;
    expect(String(available)).not.toBe(old);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await log.append(
      {
        type: 'stock.changed',
        source: 'wms',
        subject: `${sku}@${warehouse.code}`,
        time: new Date().toISOString(),
        tenantPartnerId: null,
        data: { sku, warehouseCode: warehouse.code, available, onHand: 7 },
      },
      { dedupKey: `test:${randomUUID()}` },
    );
    await seen;
    await subscription.dispose();
    const figure = { stock: [{ available: { value: String(available) } }] };
    expect(subscription.results[0]).toEqual({ data: { stockChanged: { sku, product: figure } } });
    expect(freshAfterEvent).toEqual([{ data: { product: { sku, ...figure } } }]);
  });

  it('answers a burst of 100 concurrent queries for one uncached product with one Odoo call', async () => {
    const { sku } = await product(3);
    await postAs(inventory.url, internalPrincipal, '{ __typename }');
    const calls = odooCalls();
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => postAs(inventory.url, internalPrincipal, PRODUCT, { sku })),
    );
    expect(odooCalls() - calls).toBe(1);
    expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(
      new Set([
        JSON.stringify({
          status: 200,
          body: { data: { product: { sku, name: answers[0]!.body.data.product.name } } },
        }),
      ]),
    );
  });

  it('never serves one partner an order cached for another, nor for an internal caller', async () => {
    const records = await client.searchRead('sale.order', {
      fields: ['name', 'partner_id'],
      order: 'id',
      limit: 40,
    });
    const mine = records[0]!;
    const other = records.find((r) => r.partner_id!.id !== mine.partner_id!.id)!;
    const owner = partnerPrincipal(mine.partner_id!.id);
    const stranger = partnerPrincipal(other.partner_id!.id);
    const query = `query ($n: String!) { order(number: $n) { number } }`;
    const ask = (who: Principal) => postAs(orders.url, who, query, { n: mine.name });
    // Cached through the owner, then through an internal caller: the stranger still gets nothing.
    await expect(ask(owner)).resolves.toEqual({
      status: 200,
      body: { data: { order: { number: mine.name } } },
    });
    await expect(ask(internalPrincipal)).resolves.toEqual({
      status: 200,
      body: { data: { order: { number: mine.name } } },
    });
    await expect(redis.exists(`${namespace}:order:${mine.name}`)).resolves.toBe(1);
    await expect(ask(stranger)).resolves.toEqual({ status: 200, body: { data: { order: null } } });
    await expect(ask(owner)).resolves.toEqual({
      status: 200,
      body: { data: { order: { number: mine.name } } },
    });
  });

  it('reports the call budget to internal callers who ask, and to no one else', async () => {
    const { sku } = await product(5);
    const headers = { 'content-type': 'application/json', [CALL_BUDGET_HEADER]: '1' };
    const ask = async (who: Principal) => {
      const response = await fetch(inventory.url, {
        method: 'POST',
        headers: { ...headers, 'x-dg-identity': await signIdentity(who, TEST_IDENTITY_SECRET) },
        body: JSON.stringify({ query: STOCK.replace('WH1', warehouse.code), variables: { sku } }),
      });
      return (await response.json()) as { extensions?: Record<string, unknown> };
    };
    const warehouses = await client.searchCount('stock.warehouse', {});
    // Warehouses cached first; then the product (1 Odoo call) and its stock (1 call per warehouse) are missed.
    await postAs(inventory.url, internalPrincipal, '{ warehouses { code } }');
    const cold = await ask(internalPrincipal);
    expect(cold.extensions).toEqual({
      callBudget: { odoo: 1 + warehouses, wms: 0, carrier: 0, cacheHits: 1, cacheMisses: 2 },
    });
    const warm = await ask(internalPrincipal);
    expect(warm.extensions).toEqual({
      callBudget: { odoo: 0, wms: 0, carrier: 0, cacheHits: 2, cacheMisses: 0 },
    });
    expect((await ask(partnerPrincipal(1))).extensions).toBeUndefined();
    const unasked = await postAs(inventory.url, internalPrincipal, PRODUCT, { sku });
    expect(unasked.body).toEqual({ data: { product: { sku, name: expect.any(String) } } });
  });
});
