/**
 * Issue 7 end to end: an order captured by a partner through the gateway is handed to the orchestration
 * (the orders subgraph's onCaptured), which drives it through Odoo, the WMS and the carrier to shipped,
 * delivered and invoiced. Internal callers follow it step by step (`fulfillmentProgress`), partners see
 * a simplified `progress`, operators list the orders stuck in a step (`stuckOrders`).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { OdooClient, odooConfigSchema } from '../../connectors/odoo/index.js';
import { DEMO_INTERNAL_API_KEY, DEMO_PARTNER1_API_KEY } from '../../gateway/auth/demo-api-keys.js';
import { createLogger } from '../../platform/logger.js';
import { startEmbeddedStack, type EmbeddedStack } from '../../stack/embedded-stack.js';
import { post } from '../gateway/support/gateway-client.js';
import { CAPTURE, deliveryAddressId, productsInStock } from '../subgraphs/orders/capture-support.js';
import { waitFor } from '../platform/events/events-support.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = createLogger({ name: 'e2e-order-to-cash', level: 'silent' });
const WMS_STEP_MS = 60_000;

const PROGRESS = `query Progress($number: String!) {
  order(number: $number) {
    number status deliveryStatus invoicingStatus progress
    fulfillmentProgress {
      status currentStep currentSince carrier carrierChoice trackingNumber
      steps { step status attempts lastError { code message at } startedAt finishedAt }
      failure { step code message }
      compensation { status actions }
    }
  }
}`;
const PARTNER_PROGRESS = `query P($number: String!) { order(number: $number) { number progress } }`;
const PARTNER_DETAIL = `query D($number: String!) { order(number: $number) { number fulfillmentProgress { status } } }`;
const STUCK = `query Stuck($first: Int, $after: String) {
  stuckOrders(first: $first, after: $after) {
    edges { cursor node { orderNumber phase since stuckForSeconds limitSeconds order { number } progress { currentStep } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const internal = { authorization: `Bearer ${DEMO_INTERNAL_API_KEY}` };
const partner = { authorization: `Bearer ${DEMO_PARTNER1_API_KEY}` };

describe('order to cash through the gateway', () => {
  let stack: EmbeddedStack;
  let odoo: OdooClient;
  let skus: string[];
  let shipTo: { addressId: string };

  beforeAll(async () => {
    stack = await startEmbeddedStack({
      logger,
      redisUrl: REDIS_URL,
      eventStream: `test-e2e-o2c-${randomUUID()}`,
      reconcile: { autoStart: false },
      wms: { cancelRate: 0, shortPickRate: 0 },
      carrier: { exceptionRate: 0 },
      orchestration: {
        tuning: {
          pollMs: 100,
          backoffMs: 50,
          lockDurationMs: 2000,
          stalledIntervalMs: 500,
          sweepEveryMs: 500,
        },
        stuckLimits: { AWAIT_PACKED: 1000 },
      },
    });
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
    // The WMS holds stock of them in every warehouse, so that it allocates rather than backorders.
    for (const code of ['CHI', 'DAL', 'NWK']) for (const sku of skus) stack.wms.seedInventory(code, sku, 500);
    const tenant = stack.demoPartners[0]!.tenantPartnerId;
    await odoo.write('res.partner', [tenant], { credit_limit: 0 });
    shipTo = { addressId: await deliveryAddressId(odoo, tenant) };
  }, 60_000);
  afterAll(() => stack?.close());

  async function captured(): Promise<string> {
    const input = {
      customerReference: `PO-${randomUUID()}`,
      lines: [
        { sku: skus[0], quantity: '1' },
        { sku: skus[1], quantity: '2' },
      ],
      shipTo,
      shipping: { service: 'STANDARD' },
    };
    const response = await post(stack.gateway.url, CAPTURE, partner, { input, key: randomUUID() });
    expect(response.body.data.captureOrder.outcome.__typename).toBe('OrderCaptured');
    return response.body.data.captureOrder.outcome.order.number as string;
  }

  async function progressWhen(number: string, check: (p: any) => boolean, timeoutMs = 30_000): Promise<any> {
    let last: any = null;
    await waitFor(async () => {
      const response = await post(stack.gateway.url, PROGRESS, internal, { number });
      last = response.body;
      const p = response.body.data?.order?.fulfillmentProgress;
      return p !== null && p !== undefined && check(p);
    }, timeoutMs).catch((error: unknown) => {
      throw new Error(`progress of ${number} never matched; last: ${JSON.stringify(last)}`, { cause: error });
    });
    return last.data.order;
  }

  it('drives a captured order to shipped, delivered and invoiced, visible step by step', async () => {
    const number = await captured();
    const waiting = await progressWhen(number, (p) => p.currentStep === 'AWAIT_PACKED');
    expect(waiting.progress).toBe('IN_FULFILLMENT');
    expect(waiting.status).toBe('CONFIRMED');
    stack.wms.clock.advance(3 * WMS_STEP_MS);
    await progressWhen(number, (p) => p.currentStep === 'AWAIT_SHIPPED');
    stack.wms.clock.advance(WMS_STEP_MS);
    const order = await progressWhen(number, (p) => p.status !== 'RUNNING');

    expect(order).toMatchObject({
      number,
      status: 'COMPLETED',
      deliveryStatus: 'DELIVERED',
      invoicingStatus: 'INVOICED',
      progress: 'COMPLETED',
      fulfillmentProgress: {
        status: 'COMPLETED',
        currentStep: null,
        carrier: expect.any(String),
        carrierChoice: 'cheapest within GROUND',
        trackingNumber: expect.any(String),
        failure: null,
        compensation: { status: 'NOT_NEEDED', actions: [] },
      },
    });
    expect(order.fulfillmentProgress.steps.map((s: any) => [s.step, s.status])).toEqual(
      [
        'CREDIT_CHECK',
        'CONFIRM_ORDER',
        'RELEASE_TO_WMS',
        'AWAIT_PACKED',
        'SELECT_CARRIER',
        'BUY_LABEL',
        'AWAIT_SHIPPED',
        'VALIDATE_DELIVERY',
        'POST_INVOICE',
        'NOTIFY_PARTNER',
      ].map((step) => [step, 'SUCCEEDED']),
    );
    for (const step of order.fulfillmentProgress.steps) {
      expect(step.attempts).toBeGreaterThanOrEqual(1);
      expect(Date.parse(step.finishedAt)).toBeGreaterThanOrEqual(Date.parse(step.startedAt));
    }
    const [picking] = await odoo.searchRead('stock.picking', {
      domain: [['origin', '=', number]],
      fields: ['state', 'carrier_tracking_ref'],
    });
    expect(picking).toMatchObject({
      state: 'done',
      carrier_tracking_ref: order.fulfillmentProgress.trackingNumber,
    });

    // The partner sees where its order is, never the steps.
    const own = await post(stack.gateway.url, PARTNER_PROGRESS, partner, { number });
    expect(own.body).toEqual({ data: { order: { number, progress: 'COMPLETED' } } });
    const detail = await post(stack.gateway.url, PARTNER_DETAIL, partner, { number });
    expect(detail.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(detail.body.data?.order?.fulfillmentProgress ?? null).toBeNull();
  }, 90_000);

  it('lists for operators the orders waiting in a step longer than its limit, and to them only', async () => {
    const number = await captured();
    await progressWhen(number, (p) => p.currentStep === 'AWAIT_PACKED');
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const response = await post(stack.gateway.url, STUCK, internal, { first: 10 });
    expect(response.body.errors).toBeUndefined();
    const edge = response.body.data.stuckOrders.edges.find((e: any) => e.node.orderNumber === number);
    expect(edge).toEqual({
      cursor: expect.any(String),
      node: {
        orderNumber: number,
        phase: 'AWAIT_PACKED',
        since: expect.any(String),
        stuckForSeconds: expect.any(Number),
        limitSeconds: 1,
        order: { number },
        // Exactly: the response cache's key alias (`__responseCacheId`) must not reach the client.
        progress: { currentStep: 'AWAIT_PACKED' },
      },
    });
    expect((await stack.orchestration!.stuckCounts()).AWAIT_PACKED).toBeGreaterThanOrEqual(1);
    const refused = await post(stack.gateway.url, STUCK, partner, { first: 10 });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await post(stack.gateway.url, STUCK, internal, { first: 10, after: 'bm90IG91cnM' });
    expect(bad.body.errors?.[0]).toMatchObject({
      path: ['stuckOrders'],
      extensions: {
        code: 'BAD_USER_INPUT',
        issues: [{ argument: 'after', message: 'not a cursor from this list' }],
      },
    });
  }, 90_000);
});
