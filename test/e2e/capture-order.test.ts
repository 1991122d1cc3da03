/**
 * Issue 7 end to end: partners capture orders through the gateway with idempotency keys. One key sent 20
 * times at once makes one Odoo order; a reused key with another input is refused; a retry after a lost
 * answer gets the first outcome; another partner's identical key is its own; out of stock and credit hold
 * create nothing; and a create whose answer Odoo lost after committing is found, not repeated.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { OdooClient, odooConfigSchema } from '../../connectors/odoo/index.js';
import { DEMO_PARTNER1_API_KEY, DEMO_PARTNER2_API_KEY } from '../../gateway/auth/demo-api-keys.js';
import { sha256Hex } from '../../platform/idempotency/canonical-fingerprint.js';
import { createLogger } from '../../platform/logger.js';
import { connectRedis, type RedisClient } from '../../platform/redis.js';
import { toGlobalId } from '../../schema/canonical/global-id.js';
import { startEmbeddedStack, type EmbeddedStack } from '../../stack/embedded-stack.js';
import { post } from '../gateway/support/gateway-client.js';
import {
  CAPTURE,
  countByReference,
  deliveryAddressId,
  productsInStock,
} from '../subgraphs/orders/capture-support.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = createLogger({ name: 'e2e-capture-order', level: 'silent' });

describe('capturing orders through the gateway', () => {
  let stack: EmbeddedStack;
  let odoo: OdooClient;
  let redis: RedisClient;
  let skus: string[];
  const partners: { key: string; tenant: number; shipTo: { addressId: string } }[] = [];
  /** Every (tenant, key) used, so that afterAll removes exactly those records from Redis. */
  const used: { tenant: number; key: string }[] = [];

  beforeAll(async () => {
    stack = await startEmbeddedStack({
      logger,
      redisUrl: REDIS_URL,
      eventStream: `test-e2e-capture-${randomUUID()}`,
      reconcile: { autoStart: false },
    });
    redis = await connectRedis({ url: REDIS_URL, logger });
    odoo = new OdooClient({
      config: odooConfigSchema.parse({
        url: stack.odoo.url,
        apiKey: stack.odoo.apiKey,
        database: stack.odoo.database,
        login: stack.odoo.login,
      }),
      logger,
    });
    skus = await productsInStock(odoo, 10, 2);
    const keys = [DEMO_PARTNER1_API_KEY, DEMO_PARTNER2_API_KEY];
    for (const [index, partner] of stack.demoPartners.entries()) {
      // No credit limit, so that only the credit test meets one.
      await odoo.write('res.partner', [partner.tenantPartnerId], { credit_limit: 0 });
      partners.push({
        key: keys[index]!,
        tenant: partner.tenantPartnerId,
        shipTo: { addressId: await deliveryAddressId(odoo, partner.tenantPartnerId) },
      });
    }
  });

  afterEach(() => {
    stack.odoo.emulator.faults.configure({});
  });

  afterAll(async () => {
    await stack?.close();
    if (redis) {
      const records = used.map(
        ({ tenant, key }) => `dg:idempotency:captureOrder:tenant-${tenant}:${sha256Hex(key)}`,
      );
      if (records.length > 0) await redis.del(records);
      redis.destroy();
    }
  });

  function capture(partnerIndex: number, input: Record<string, unknown>, key: string, signal?: AbortSignal) {
    const partner = partners[partnerIndex]!;
    used.push({ tenant: partner.tenant, key });
    if (!signal)
      return post(stack.gateway.url, CAPTURE, { authorization: `Bearer ${partner.key}` }, { input, key });
    return fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${partner.key}` },
      body: JSON.stringify({ query: CAPTURE, variables: { input, key } }),
      signal,
    });
  }

  const orderInput = (partnerIndex: number, reference: string, quantity = '1') => ({
    customerReference: reference,
    lines: [
      { sku: skus[0], quantity },
      { sku: skus[1], quantity: '2' },
    ],
    shipTo: partners[partnerIndex]!.shipTo,
    shipping: { service: 'STANDARD' },
  });

  it('captures an order for a partner', async () => {
    const reference = `PO-${randomUUID()}`;
    const key = randomUUID();
    const response = await capture(0, orderInput(0, reference), key);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: {
        captureOrder: {
          replayed: false,
          idempotencyKey: key,
          outcome: {
            __typename: 'OrderCaptured',
            order: {
              number: expect.stringMatching(/^S\d+$/),
              customerReference: reference,
              status: 'DRAFT',
              customer: { id: toGlobalId('Customer', partners[0]!.tenant) },
            },
          },
        },
      },
    });
    expect(await countByReference(odoo, reference)).toBe(1);
  });

  it('makes exactly one Odoo order from 20 concurrent captures with one key', async () => {
    const reference = `PO-${randomUUID()}`;
    const key = randomUUID();
    const input = orderInput(0, reference);
    const answers = await Promise.all(Array.from({ length: 20 }, () => capture(0, input, key)));
    const results = answers.map((answer) => answer.body.data.captureOrder);
    const numbers = new Set(results.map((result) => result.outcome.order.number));
    expect(numbers.size).toBe(1);
    expect(results.filter((result) => !result.replayed)).toHaveLength(1);
    expect(results.filter((result) => result.replayed)).toHaveLength(19);
    expect(await countByReference(odoo, reference)).toBe(1);
  });

  it('refuses the same key with another input: IDEMPOTENCY_KEY_REUSED', async () => {
    const key = randomUUID();
    await capture(0, orderInput(0, `PO-${randomUUID()}`), key);
    const reference = `PO-${randomUUID()}`;
    const response = await capture(0, orderInput(0, reference), key);
    expect(response.body).toEqual({
      errors: [
        {
          message: 'This idempotency key was used with another request.',
          path: ['captureOrder'],
          extensions: { code: 'IDEMPOTENCY_KEY_REUSED' },
        },
      ],
    });
    expect(await countByReference(odoo, reference)).toBe(0);
  });

  it('answers a retry after a lost response with the first result, marked replayed', async () => {
    stack.odoo.emulator.faults.configure({
      rules: [{ model: 'sale.order', method: 'create', latencyMs: 600 }],
    });
    const reference = `PO-${randomUUID()}`;
    const key = randomUUID();
    const input = orderInput(0, reference);
    // The client gives up before the answer arrives; the capture goes on without it.
    await expect(capture(0, input, key, AbortSignal.timeout(200))).rejects.toThrow();
    const retry = await capture(0, input, key);
    expect(retry.body.data.captureOrder).toMatchObject({
      replayed: true,
      outcome: { __typename: 'OrderCaptured', order: { customerReference: reference } },
    });
    const again = await capture(0, input, key);
    // The same outcome, the same order; the order itself is read as it is now (the orchestration may
    // have confirmed it between the two answers), so its status is not compared.
    expect(again.body.data.captureOrder).toMatchObject({
      replayed: true,
      idempotencyKey: retry.body.data.captureOrder.idempotencyKey,
      outcome: {
        __typename: 'OrderCaptured',
        order: { number: retry.body.data.captureOrder.outcome.order.number, customerReference: reference },
      },
    });
    expect(await countByReference(odoo, reference)).toBe(1);
  });

  it("keeps partners' keys apart: the same key value is another partner's own", async () => {
    const key = randomUUID();
    const first = await capture(0, orderInput(0, `PO-${randomUUID()}`), key);
    const second = await capture(1, orderInput(1, `PO-${randomUUID()}`), key);
    expect(second.body.data.captureOrder).toMatchObject({
      replayed: false,
      outcome: {
        __typename: 'OrderCaptured',
        order: { customer: { id: toGlobalId('Customer', partners[1]!.tenant) } },
      },
    });
    expect(second.body.data.captureOrder.outcome.order.number).not.toBe(
      first.body.data.captureOrder.outcome.order.number,
    );
  });

  it('creates nothing in Odoo for out-of-stock and credit-hold outcomes', async () => {
    const before = await odoo.searchCount('sale.order');
    const short = await capture(0, orderInput(0, `PO-${randomUUID()}`, '999999'), randomUUID());
    expect(short.body.data.captureOrder.outcome).toEqual({
      __typename: 'OrderOutOfStock',
      warehouse: expect.any(String),
      lines: [{ sku: skus[0], requested: '999999', available: expect.any(String), nextAvailableOn: null }],
    });
    await odoo.write('res.partner', [partners[1]!.tenant], { credit_limit: 1 });
    try {
      const held = await capture(1, orderInput(1, `PO-${randomUUID()}`), randomUUID());
      expect(held.body.data.captureOrder.outcome).toEqual({
        __typename: 'OrderCreditHold',
        orderTotal: { amount: expect.stringMatching(/^\d+\.\d{2}$/), currency: 'USD' },
        openBalance: null,
        creditLimit: null,
      });
    } finally {
      await odoo.write('res.partner', [partners[1]!.tenant], { credit_limit: 0 });
    }
    expect(await odoo.searchCount('sale.order')).toBe(before);
  });

  it('finds the order when Odoo committed a create but its answer was lost, instead of creating a second', async () => {
    const emulator = stack.odoo.emulator;
    emulator.faults.configure({ rules: [{ model: 'sale.order', method: 'create', lostResponseRate: 1 }] });
    emulator.calls.reset();
    const reference = `PO-${randomUUID()}`;
    const response = await capture(0, orderInput(0, reference), randomUUID());
    expect(response.body.data.captureOrder).toMatchObject({
      replayed: false,
      outcome: { __typename: 'OrderCaptured', order: { customerReference: reference } },
    });
    expect(emulator.calls.snapshot()['sale.order.create']).toBe(1);
    expect(await countByReference(odoo, reference)).toBe(1);
  });
});
