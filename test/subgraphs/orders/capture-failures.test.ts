/**
 * captureOrder when the business says no (stock, credit) and when the world misbehaves: an answer lost
 * after Odoo committed, Redis forgetting a key, a second request while the first runs, no Redis at all.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { virtualLocation } from '../../../connectors/odoo/emulator/business/locations.js';
import { IdempotencyStore } from '../../../platform/idempotency/idempotency-store.js';
import { createLogger } from '../../../platform/logger.js';
import { toGlobalId } from '../../../schema/canonical/global-id.js';
import { startOrdersSubgraph } from '../../../subgraphs/orders/server.js';
import { internalPrincipal, partnerPrincipal, postAs, TEST_IDENTITY_SECRET } from '../../support/graphql.js';
import {
  CAPTURE,
  countByReference,
  customerWithoutLimit,
  deliveryAddressId,
  productsInStock,
  startCaptureFixture,
  type CaptureFixture,
} from './capture-support.js';

let fixture: CaptureFixture;
let tenant: number;
let skus: string[];
let shipTo: { addressId: string };

beforeAll(async () => {
  fixture = await startCaptureFixture();
  tenant = await customerWithoutLimit(fixture.odoo.client, 7);
  skus = await productsInStock(fixture.odoo.client, 5, 2);
  shipTo = { addressId: await deliveryAddressId(fixture.odoo.client, tenant) };
});

afterEach(() => {
  fixture.odoo.odoo.emulator.faults.configure({});
});

afterAll(() => fixture.close());

const capture = (
  url: string,
  input: Record<string, unknown>,
  key: string,
  principal = partnerPrincipal(tenant),
) => postAs(url, principal, CAPTURE, { input, key });

const orderInput = (reference: string, quantity = '1') => ({
  customerReference: reference,
  lines: [{ sku: skus[0], quantity }],
  shipTo,
});

const saleOrderCount = () => fixture.odoo.client.searchCount('sale.order');

describe('captureOrder: business refusals create nothing', () => {
  it('answers out of stock per line with what is free and when a planned receipt covers it', async () => {
    const emulator = fixture.odoo.odoo.emulator;
    const [product] = await fixture.odoo.client.searchRead('product.product', {
      domain: [['default_code', '=', skus[1]!]],
      fields: ['uom_id'],
    });
    // A vendor receipt planned in every warehouse, as purchasing would have in Odoo.
    emulator.transaction(() => {
      const env = emulator.env();
      for (const warehouseId of env.search('stock.warehouse', [])) {
        const stock = env.get('stock.warehouse', warehouseId).lot_stock_id as number;
        env.create('stock.move', {
          name: 'PO receipt',
          product_id: product!.id,
          product_uom_qty: 5000,
          product_uom_id: product!.uom_id!.id,
          location_id: virtualLocation(env, 'supplier'),
          location_dest_id: stock,
          state: 'assigned',
          date: '2031-03-04 09:00:00',
        });
      }
    });
    const before = await saleOrderCount();
    const response = await capture(
      fixture.subgraph.url,
      {
        customerReference: `PO-${randomUUID()}`,
        lines: [
          { sku: skus[0], quantity: '1' },
          { sku: skus[1], quantity: '4000' },
        ],
        shipTo,
      },
      randomUUID(),
    );
    const outcome = response.body.data.captureOrder.outcome;
    expect(outcome).toEqual({
      __typename: 'OrderOutOfStock',
      warehouse: expect.any(String),
      lines: [
        { sku: skus[1], requested: '4000', available: expect.any(String), nextAvailableOn: '2031-03-04' },
      ],
    });
    expect(Number(outcome.lines[0].available)).toBeLessThan(4000);
    expect(await saleOrderCount()).toBe(before);
  });

  it('answers out of stock with no next date when no receipt is planned', async () => {
    const response = await capture(
      fixture.subgraph.url,
      orderInput(`PO-${randomUUID()}`, '999999'),
      randomUUID(),
    );
    expect(response.body.data.captureOrder.outcome).toEqual({
      __typename: 'OrderOutOfStock',
      warehouse: expect.any(String),
      lines: [{ sku: skus[0], requested: '999999', available: expect.any(String), nextAvailableOn: null }],
    });
  });

  it('holds an order that would take the customer over its credit limit; finances shown to finance:read only', async () => {
    const held = await customerWithoutLimit(fixture.odoo.client, 8);
    await fixture.odoo.client.write('res.partner', [held], { credit_limit: 1 });
    const before = await saleOrderCount();
    const input = {
      ...orderInput(`PO-${randomUUID()}`),
      shipTo: { addressId: await deliveryAddressId(fixture.odoo.client, held) },
    };
    const partner = await capture(fixture.subgraph.url, input, randomUUID(), partnerPrincipal(held));
    expect(partner.body.data.captureOrder.outcome).toEqual({
      __typename: 'OrderCreditHold',
      orderTotal: { amount: expect.stringMatching(/^\d+\.\d{2}$/), currency: 'USD' },
      openBalance: null,
      creditLimit: null,
    });
    const internal = await capture(
      fixture.subgraph.url,
      { ...input, customerId: toGlobalId('Customer', held) },
      randomUUID(),
      internalPrincipal,
    );
    expect(internal.body.data.captureOrder.outcome).toEqual({
      __typename: 'OrderCreditHold',
      orderTotal: partner.body.data.captureOrder.outcome.orderTotal,
      openBalance: { amount: expect.stringMatching(/^-?\d+\.\d{2}$/), currency: 'USD' },
      creditLimit: { amount: '1.00', currency: 'USD' },
    });
    expect(await saleOrderCount()).toBe(before);
  });
});

describe('captureOrder: lost answers and lost keys never make a second order', () => {
  it('finds the order a create made when its answer was lost, instead of creating another', async () => {
    const emulator = fixture.odoo.odoo.emulator;
    emulator.faults.configure({ rules: [{ model: 'sale.order', method: 'create', lostResponseRate: 1 }] });
    emulator.calls.reset();
    const reference = `PO-${randomUUID()}`;
    const response = await capture(fixture.subgraph.url, orderInput(reference), randomUUID());
    expect(response.body.data.captureOrder).toMatchObject({
      replayed: false,
      outcome: { __typename: 'OrderCaptured', order: { customerReference: reference } },
    });
    expect(emulator.calls.snapshot()['sale.order.create']).toBe(1);
    expect(await countByReference(fixture.odoo.client, reference)).toBe(1);
  });

  it('recovers the order from Odoo when Redis lost the key: same key answers it, replayed', async () => {
    const reference = `PO-${randomUUID()}`;
    const key = randomUUID();
    const first = await capture(fixture.subgraph.url, orderInput(reference), key);
    await deleteKeys(`${fixture.namespace}:idempotency:*`);
    const again = await capture(fixture.subgraph.url, orderInput(reference), key);
    expect(again.body).toEqual({
      data: { captureOrder: { ...first.body.data.captureOrder, replayed: true } },
    });
    expect(await countByReference(fixture.odoo.client, reference)).toBe(1);
    // And a different input under that key is still told apart by the reference in Odoo.
    await deleteKeys(`${fixture.namespace}:idempotency:*`);
    const other = await capture(fixture.subgraph.url, orderInput(`PO-${randomUUID()}`), key);
    expect(other.body.errors?.[0]?.extensions).toEqual({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('tells a request whose key is still running IDEMPOTENCY_KEY_IN_USE after a short wait', async () => {
    const impatient = await fixture.startAnother({
      capture: { namespace: fixture.namespace, idempotencyWaitMs: 100 },
    });
    fixture.odoo.odoo.emulator.faults.configure({
      rules: [{ model: 'sale.order', method: 'create', latencyMs: 1000 }],
    });
    const key = randomUUID();
    const input = orderInput(`PO-${randomUUID()}`);
    const slow = capture(fixture.subgraph.url, input, key);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const hurried = await capture(impatient.url, input, key);
    expect(hurried.body).toEqual({
      data: null,
      errors: [
        {
          message: 'A request with this idempotency key is still being processed.',
          locations: [{ line: 2, column: 3 }],
          path: ['captureOrder'],
          extensions: { code: 'IDEMPOTENCY_KEY_IN_USE' },
        },
      ],
    });
    const first = await slow;
    // A patient one (the default wait) gets the first outcome.
    const patient = await capture(fixture.subgraph.url, input, key);
    expect(patient.body.data.captureOrder).toEqual({ ...first.body.data.captureOrder, replayed: true });
  });

  it('lets a retry run when the first attempt died holding the key (its lease expires)', async () => {
    const store = new IdempotencyStore({ redis: fixture.redis, namespace: fixture.namespace, leaseMs: 1000 });
    const slot = { operation: 'test', scope: 'tenant-1', key: randomUUID() };
    expect((await store.begin(slot, 'fp')).state).toBe('started');
    expect(await store.begin(slot, 'fp')).toEqual({ state: 'running' });
    expect(await store.begin(slot, 'other')).toEqual({ state: 'mismatch' });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await store.begin(slot, 'fp')).state).toBe('started');
    expect(await fixture.redis.pTTL(store.keyOf(slot))).toBeLessThanOrEqual(1000);
  });

  it('keeps outcomes at least 24 hours', async () => {
    const key = randomUUID();
    await capture(fixture.subgraph.url, orderInput(`PO-${randomUUID()}`), key);
    const [recordKey] = await keysMatching(
      `${fixture.namespace}:idempotency:captureOrder:tenant-${tenant}:*`,
    );
    expect(await fixture.redis.pTTL(recordKey!)).toBeGreaterThan(24 * 3600 * 1000 - 60_000);
  });

  it('answers IDEMPOTENCY_UNAVAILABLE, doing nothing, when the subgraph has no Redis', async () => {
    const bare = await startOrdersSubgraph({
      odoo: fixture.odoo.client,
      port: 0,
      logger: createLogger({ name: 'orders', level: 'silent' }),
      identitySecret: TEST_IDENTITY_SECRET,
    });
    try {
      const response = await capture(bare.url, orderInput(`PO-${randomUUID()}`), randomUUID());
      expect(response.body.errors).toEqual([
        expect.objectContaining({ path: ['captureOrder'], extensions: { code: 'IDEMPOTENCY_UNAVAILABLE' } }),
      ]);
    } finally {
      await bare.close();
    }
  });
});

async function keysMatching(pattern: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const batch of fixture.redis.scanIterator({ MATCH: pattern, COUNT: 1000 })) keys.push(...batch);
  return keys;
}

async function deleteKeys(pattern: string): Promise<void> {
  const keys = await keysMatching(pattern);
  if (keys.length > 0) await fixture.redis.del(keys);
}
