/** Stock per warehouse and the warehouses' open work, each read in one request, against the emulated WMS. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { SHIP_TO, startWmsHarness, STEP_MS, T0, type WmsHarness } from './harness.js';

const at = (steps: number) => new Date(Date.parse(T0) + steps * STEP_MS).toISOString();

describe('WMS inventory and backlog', () => {
  let h: WmsHarness;

  beforeAll(async () => {
    h = await startWmsHarness();
  });
  beforeEach(() => h.wms.calls.reset());
  afterAll(() => h.close());

  it('reads stock per warehouse, with allocations reducing what is available', async () => {
    const { client } = h.clientWith();
    await client.createOrder({
      orderNumber: 'SO-9001',
      warehouseCode: 'CHI',
      shipTo: SHIP_TO,
      lines: [{ sku: 'SKU-A', quantity: 3 }],
    });
    await h.advance(1);
    h.wms.calls.reset();
    expect(await client.inventory({ warehouseCode: 'CHI' })).toEqual([
      { sku: 'SKU-A', warehouseCode: 'CHI', onHand: 100, allocated: 3, available: 97, backordered: 0 },
      { sku: 'SKU-B', warehouseCode: 'CHI', onHand: 10, allocated: 0, available: 10, backordered: 0 },
    ]);
    expect(h.wms.calls.snapshot()).toEqual({ requests: 1, byField: { warehouse_products: 1 } });
  });

  it('reads every configured warehouse in one request, or only some SKUs', async () => {
    const { client } = h.clientWith();
    const all = await client.inventory();
    expect(all.map((row) => `${row.warehouseCode}/${row.sku}`)).toEqual([
      'CHI/SKU-A',
      'CHI/SKU-B',
      'DAL/SKU-A',
      'NWK/SKU-C',
    ]);
    expect(h.wms.calls.snapshot()).toEqual({ requests: 1, byField: { warehouse_products: 3 } });
    h.wms.calls.reset();
    const skuA = await client.inventory({ skus: ['SKU-A'] });
    expect(skuA.map((row) => [row.warehouseCode, row.available])).toEqual([
      ['CHI', 97],
      ['DAL', 50],
    ]);
    expect(h.wms.calls.requests).toBe(1);
  });

  it('counts open orders per warehouse by status with the oldest, in one request', async () => {
    const { client } = h.clientWith();
    // SO-9001 (CHI) is ALLOCATED since step 1. Add a received one, a shipped one and a held one.
    await client.createOrder({
      orderNumber: 'SO-9002',
      warehouseCode: 'CHI',
      shipTo: SHIP_TO,
      lines: [{ sku: 'SKU-B', quantity: 1 }],
    });
    h.wms.seedOrder({
      orderNumber: 'SO-9003',
      warehouseCode: 'CHI',
      shipTo: SHIP_TO,
      lines: [{ sku: 'SKU-B', quantity: 1 }],
      receivedAt: at(-9),
      history: { allocatedAt: at(-8), pickedAt: at(-7), packedAt: at(-6), shippedAt: at(-5) },
    });
    h.wms.seedOrder({
      orderNumber: 'SO-9004',
      warehouseCode: 'NWK',
      shipTo: SHIP_TO,
      lines: [{ sku: 'SKU-C', quantity: 50 }],
      receivedAt: at(0),
    });
    await h.advance(1); // SO-9002 → ALLOCATED, SO-9004 → ON_HOLD (stock short), SO-9001 → PICKED
    h.wms.calls.reset();
    const backlog = await client.backlog(['CHI', 'DAL', 'NWK']);
    expect(Object.fromEntries(backlog)).toEqual({
      CHI: {
        warehouseCode: 'CHI',
        openOrders: 2,
        byStatus: { PICKED: 1, ALLOCATED: 1 },
        oldestOpenSince: T0,
      },
      DAL: { warehouseCode: 'DAL', openOrders: 0, byStatus: {}, oldestOpenSince: null },
      NWK: { warehouseCode: 'NWK', openOrders: 1, byStatus: { ON_HOLD: 1 }, oldestOpenSince: T0 },
    });
    expect(h.wms.calls.snapshot()).toEqual({ requests: 1, byField: { orders: 12 } });
  });
});
