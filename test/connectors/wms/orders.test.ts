/**
 * The WMS connector's order operations against the emulated ShipHero over real HTTP: create, the progression
 * through every status as the emulator clock moves, idempotent creates, batched reads, holds, cancellation,
 * reconciliation paging and the WMS's validation errors.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createHttpClient } from '../../../connectors/shared/http-client.js';
import { SHIP_TO, startWmsHarness, STEP_MS, T0, type WmsHarness } from './harness.js';

const at = (steps: number, extraMs = 0) => new Date(Date.parse(T0) + steps * STEP_MS + extraMs).toISOString();

describe('WMS orders', () => {
  let h: WmsHarness;

  beforeAll(async () => {
    h = await startWmsHarness();
  });
  beforeEach(async () => {
    await h.admin('POST', 'clock', { now: T0 });
    await h.admin('DELETE', 'faults');
    h.wms.calls.reset();
  });
  afterAll(() => h.close());

  it('creates an order and follows it RECEIVED → ALLOCATED → PICKED → PACKED → SHIPPED as the clock moves', async () => {
    const { client } = h.clientWith();
    const created = await client.createOrder({
      orderNumber: 'SO-1001',
      warehouseCode: 'CHI',
      shipTo: SHIP_TO,
      lines: [
        { sku: 'SKU-A', quantity: 3 },
        { sku: 'SKU-B', quantity: 2 },
      ],
      shippingMethod: 'Ground',
    });
    expect(created).toEqual({
      wmsOrderId: expect.any(String),
      orderNumber: 'SO-1001',
      warehouseCode: 'CHI',
      status: 'RECEIVED',
      receivedAt: T0,
      allocatedAt: null,
      pickedAt: null,
      packedAt: null,
      shippedAt: null,
      cancelledAt: null,
      holdReason: null,
      lines: [
        { sku: 'SKU-A', quantity: 3, quantityPicked: 0, quantityShipped: 0, quantityBackordered: 0 },
        { sku: 'SKU-B', quantity: 2, quantityPicked: 0, quantityShipped: 0, quantityBackordered: 0 },
      ],
      packages: [],
      updatedAt: T0,
    });

    const seen: Record<string, unknown>[] = [];
    for (let step = 1; step <= 4; step += 1) {
      await h.advance(1);
      const f = await client.fulfillment('SO-1001');
      seen.push({
        status: f?.status,
        allocatedAt: f?.allocatedAt,
        pickedAt: f?.pickedAt,
        packedAt: f?.packedAt,
        shippedAt: f?.shippedAt,
      });
    }
    expect(seen).toEqual([
      { status: 'ALLOCATED', allocatedAt: at(1), pickedAt: null, packedAt: null, shippedAt: null },
      { status: 'PICKED', allocatedAt: at(1), pickedAt: at(2), packedAt: null, shippedAt: null },
      { status: 'PACKED', allocatedAt: at(1), pickedAt: at(2), packedAt: at(3), shippedAt: null },
      { status: 'SHIPPED', allocatedAt: at(1), pickedAt: at(2), packedAt: at(3), shippedAt: at(4) },
    ]);
    const shipped = await client.fulfillment('SO-1001');
    expect(shipped?.wmsOrderId).toBe(created.wmsOrderId);
    expect(shipped?.lines).toEqual([
      { sku: 'SKU-A', quantity: 3, quantityPicked: 3, quantityShipped: 3, quantityBackordered: 0 },
      { sku: 'SKU-B', quantity: 2, quantityPicked: 2, quantityShipped: 2, quantityBackordered: 0 },
    ]);
    expect(shipped?.packages).toEqual([
      {
        trackingNumber: expect.stringMatching(/^1Z[A-Z0-9]{6}03\d{8}$/),
        carrier: 'UPS',
        service: 'Ground',
        weightOz: 80,
        shippedAt: at(4),
      },
    ]);
    expect(shipped?.updatedAt).toBe(at(4));
  });

  it('creates an order once when asked twice with the same number', async () => {
    const { client } = h.clientWith();
    const input = {
      orderNumber: 'SO-1002',
      warehouseCode: 'DAL',
      shipTo: SHIP_TO,
      lines: [{ sku: 'SKU-A', quantity: 1 }],
    };
    const first = await client.createOrder(input);
    const second = await client.createOrder(input);
    expect(second.wmsOrderId).toBe(first.wmsOrderId);
    expect(h.wms.emulator.findOrders({ orderNumber: 'SO-1002' })).toHaveLength(1);
    expect(h.wms.calls.byField()).toEqual({ order_create: 1, orders: 2 });
  });

  it('after a create that timed out but committed, the retry finds the order instead of creating another', async () => {
    await h.admin('POST', 'faults', { latencyMs: 400, latencyFields: ['order_create'] });
    const { client, calls } = h.clientWith({ timeoutMs: 150, retryAttempts: 2 });
    const f = await client.createOrder({
      orderNumber: 'SO-1003',
      warehouseCode: 'CHI',
      shipTo: SHIP_TO,
      lines: [{ sku: 'SKU-B', quantity: 1 }],
    });
    expect(f).toMatchObject({ orderNumber: 'SO-1003', status: 'RECEIVED', warehouseCode: 'CHI' });
    expect(calls.map((c) => `${c.operation}:${c.outcome}`)).toEqual([
      'orders:ok',
      'order_create:WMS_UNAVAILABLE',
      'orders:ok',
    ]);
    expect(h.wms.emulator.findOrders({ orderNumber: 'SO-1003' })).toHaveLength(1);
  });

  it('reads many orders, with their packages, in one request', async () => {
    const numbers = ['SO-2001', 'SO-2002', 'SO-2003', 'SO-2004', 'SO-2005'];
    for (const [i, orderNumber] of numbers.entries())
      h.wms.seedOrder({
        orderNumber,
        warehouseCode: 'NWK',
        shipTo: SHIP_TO,
        lines: [{ sku: 'SKU-C', quantity: 1 }],
        receivedAt: at(-10),
        history: { allocatedAt: at(-9), pickedAt: at(-8), packedAt: at(-7), shippedAt: at(-6) },
        packages: [{ trackingNumber: `TRK-${i}`, carrier: 'FedEx', service: 'Ground', weightOz: 12 }],
      });
    h.wms.calls.reset();
    const { client, calls } = h.clientWith();
    const found = await client.fulfillmentsByOrderNumbers([...numbers, 'SO-MISSING', 'SO-2001']);
    expect([...found.keys()].sort()).toEqual(numbers);
    expect(found.get('SO-2004')).toMatchObject({
      status: 'SHIPPED',
      warehouseCode: 'NWK',
      shippedAt: at(-6),
      packages: [
        { trackingNumber: 'TRK-3', carrier: 'FedEx', service: 'Ground', weightOz: 12, shippedAt: at(-6) },
      ],
    });
    expect(h.wms.calls.snapshot()).toEqual({ requests: 1, byField: { orders: 6 } });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.complexity).toBe(6 * 2);
    expect(await client.fulfillment('SO-MISSING')).toBeNull();
  });

  it("reads many orders' parcels in one request, without their lines and history", async () => {
    const numbers = ['SO-2101', 'SO-2102', 'SO-2103'];
    for (const [i, orderNumber] of numbers.entries())
      h.wms.seedOrder({
        orderNumber,
        warehouseCode: 'NWK',
        shipTo: SHIP_TO,
        lines: [
          { sku: 'SKU-A', quantity: 2 },
          { sku: 'SKU-C', quantity: 1 },
        ],
        receivedAt: at(-10),
        history: { allocatedAt: at(-9), pickedAt: at(-8), packedAt: at(-7), shippedAt: at(-6) },
        packages: [{ trackingNumber: `TRK-P${i}`, carrier: 'UPS', service: 'Ground', weightOz: 20 }],
      });
    const http = createHttpClient();
    const answers: string[] = [];
    const { client: recording } = h.clientWith({}, async (url, request) => {
      const response = await http.send(url, request);
      answers.push(response.text);
      return response;
    });
    try {
      const fulfillments = await recording.fulfillmentsByOrderNumbers(numbers);
      const packages = await recording.packagesByOrderNumbers([...numbers, 'SO-MISSING']);
      expect([...packages.keys()].sort()).toEqual(numbers);
      expect(packages.get('SO-2102')).toEqual([
        { trackingNumber: 'TRK-P1', carrier: 'UPS', service: 'Ground', weightOz: 20, shippedAt: at(-6) },
      ]);
      for (const number of numbers) expect(packages.get(number)).toEqual(fulfillments.get(number)?.packages);
      expect(answers).toHaveLength(2);
      expect(answers[1]).not.toContain('line_items');
      expect(answers[1]).not.toContain('order_history');
      expect(answers[1]!.length).toBeLessThan(answers[0]!.length / 2);
    } finally {
      await http.close();
    }
  });

  it('keeps a seeded order where its history puts it until the clock says the next step is due', async () => {
    h.wms.seedOrder({
      orderNumber: 'SO-3001',
      warehouseCode: 'CHI',
      shipTo: SHIP_TO,
      lines: [{ sku: 'SKU-A', quantity: 2 }],
      receivedAt: at(-1),
      history: { allocatedAt: at(0, -30_000) },
    });
    const { client } = h.clientWith();
    expect(await client.fulfillment('SO-3001')).toMatchObject({
      status: 'ALLOCATED',
      allocatedAt: at(0, -30_000),
      pickedAt: null,
    });
    await h.advance(1);
    expect(await client.fulfillment('SO-3001')).toMatchObject({ status: 'PICKED', pickedAt: at(0, 30_000) });
  });

  it('holds an order whose stock runs short at allocation, with the backordered quantity', async () => {
    const { client } = h.clientWith();
    await client.createOrder({
      orderNumber: 'SO-4001',
      warehouseCode: 'NWK',
      shipTo: SHIP_TO,
      lines: [{ sku: 'SKU-C', quantity: 9 }],
    });
    await h.advance(2);
    const held = await client.fulfillment('SO-4001');
    expect(held).toMatchObject({
      status: 'ON_HOLD',
      holdReason: 'backordered: SKU-C × 4',
      lines: [{ sku: 'SKU-C', quantity: 9, quantityPicked: 0, quantityShipped: 0, quantityBackordered: 4 }],
    });
    await client.cancelOrder('SO-4001');
  });

  it('cancels an allocated order, releasing its stock; cancelling again changes nothing', async () => {
    const { client } = h.clientWith();
    await client.createOrder({
      orderNumber: 'SO-5001',
      warehouseCode: 'DAL',
      shipTo: SHIP_TO,
      lines: [{ sku: 'SKU-A', quantity: 7 }],
    });
    await h.advance(1);
    const before = await client.inventory({ warehouseCode: 'DAL', skus: ['SKU-A'] });
    await h.admin('POST', 'clock', { advanceMs: 5_000 });
    const cancelled = await client.cancelOrder('SO-5001', 'Customer changed their mind');
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelledAt: at(1, 5_000), allocatedAt: at(1) });
    const after = await client.inventory({ warehouseCode: 'DAL', skus: ['SKU-A'] });
    expect(after[0]!.allocated).toBe(before[0]!.allocated - 7);
    h.wms.calls.reset();
    await expect(client.cancelOrder('SO-5001')).resolves.toMatchObject({ status: 'CANCELLED' });
    expect(h.wms.calls.byField()).toEqual({ orders: 1 });
    await h.advance(3);
    expect(await client.fulfillment('SO-5001')).toMatchObject({ status: 'CANCELLED' });
  });

  it('refuses to cancel a shipped order (WMS_VALIDATION) and an unknown one (WMS_NOT_FOUND)', async () => {
    h.wms.seedOrder({
      orderNumber: 'SO-5002',
      warehouseCode: 'CHI',
      shipTo: SHIP_TO,
      lines: [{ sku: 'SKU-A', quantity: 1 }],
      receivedAt: at(-5),
      history: { allocatedAt: at(-4), pickedAt: at(-3), packedAt: at(-2), shippedAt: at(-1) },
    });
    const { client } = h.clientWith();
    await expect(client.cancelOrder('SO-5002')).rejects.toMatchObject({
      code: 'WMS_VALIDATION',
      messages: ['Order is already fulfilled and cannot be canceled'],
      operation: 'order_cancel',
    });
    await expect(client.cancelOrder('SO-NOPE')).rejects.toMatchObject({ code: 'WMS_NOT_FOUND' });
  });

  it('pages orders updated since a time, oldest change first', async () => {
    await h.admin('POST', 'clock', { now: '2025-04-01T00:00:00Z' });
    const { client } = h.clientWith();
    const since = '2025-04-01T00:00:00.000Z';
    for (const n of ['SO-6001', 'SO-6002', 'SO-6003']) {
      await client.createOrder({
        orderNumber: n,
        warehouseCode: 'CHI',
        shipTo: SHIP_TO,
        lines: [{ sku: 'SKU-A', quantity: 1 }],
      });
      await h.admin('POST', 'clock', { advanceMs: 1_000 });
    }
    const first = await client.ordersUpdatedSince(since, { first: 2 });
    expect(first.fulfillments.map((f) => f.orderNumber)).toEqual(['SO-6001', 'SO-6002']);
    expect(first.pageInfo).toEqual({ hasNextPage: true, endCursor: expect.any(String) });
    const second = await client.ordersUpdatedSince(since, { first: 2, after: first.pageInfo.endCursor! });
    expect(second.fulfillments.map((f) => f.orderNumber)).toEqual(['SO-6003']);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const later = await client.ordersUpdatedSince('2025-04-01T00:00:01Z');
    expect(later.fulfillments.map((f) => f.orderNumber)).toEqual(['SO-6002', 'SO-6003']);
  });

  it('reports the WMS validation messages as WMS_VALIDATION, and an unknown warehouse code before any request', async () => {
    const { client, calls } = h.clientWith();
    await expect(
      client.createOrder({
        orderNumber: 'SO-7001',
        warehouseCode: 'CHI',
        shipTo: SHIP_TO,
        lines: [{ sku: 'SKU-A', quantity: 0 }],
      }),
    ).rejects.toMatchObject({
      code: 'WMS_VALIDATION',
      retryable: false,
      wmsCode: 3,
      operation: 'order_create',
      messages: ['line_items[0].quantity must be greater than 0'],
    });
    expect(calls.map((c) => `${c.operation}:${c.outcome}`)).toEqual([
      'orders:ok',
      'order_create:WMS_VALIDATION',
    ]);
    calls.length = 0;
    await expect(
      client.createOrder({
        orderNumber: 'SO-7002',
        warehouseCode: 'LAX',
        shipTo: SHIP_TO,
        lines: [{ sku: 'SKU-A', quantity: 1 }],
      }),
    ).rejects.toMatchObject({
      code: 'WMS_VALIDATION',
      message: expect.stringContaining('Unknown warehouse code LAX'),
    });
    expect(calls).toEqual([]);
  });
});

describe('WMS short picks', () => {
  let h: WmsHarness;

  beforeAll(async () => {
    h = await startWmsHarness({ shortPickRate: 1, seed: 3 });
  });
  afterAll(() => h.close());

  it('puts a short-picked order ON_HOLD with the backordered quantity, corrects stock, and leaves it there', async () => {
    const { client } = h.clientWith();
    await client.createOrder({
      orderNumber: 'SO-8001',
      warehouseCode: 'CHI',
      shipTo: SHIP_TO,
      lines: [{ sku: 'SKU-A', quantity: 4 }],
    });
    await h.advance(2);
    const held = await client.fulfillment('SO-8001');
    const short = held!.lines[0]!.quantityBackordered;
    expect(short).toBeGreaterThanOrEqual(1);
    expect(held).toMatchObject({
      status: 'ON_HOLD',
      pickedAt: at(2),
      holdReason: `backordered: SKU-A × ${short}`,
      lines: [
        {
          sku: 'SKU-A',
          quantity: 4,
          quantityPicked: 4 - short,
          quantityShipped: 0,
          quantityBackordered: short,
        },
      ],
    });
    expect(await client.inventory({ warehouseCode: 'CHI', skus: ['SKU-A'] })).toEqual([
      {
        sku: 'SKU-A',
        warehouseCode: 'CHI',
        onHand: 100 - short,
        allocated: 4 - short,
        available: 96,
        backordered: short,
      },
    ]);
    await h.advance(3);
    expect(await client.fulfillment('SO-8001')).toMatchObject({ status: 'ON_HOLD', shippedAt: null });
  });
});
