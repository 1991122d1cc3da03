/** The WMS emulator's control plane and its GraphQL surface, spoken to directly. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startWmsHarness, T0, type WmsHarness } from './harness.js';

describe('WMS emulator admin API', () => {
  let h: WmsHarness;

  beforeAll(async () => {
    h = await startWmsHarness();
  });
  afterAll(() => h.close());

  it('refuses callers without the admin key', async () => {
    const response = await fetch(`${h.wms.baseUrl}/__emulator/info`, {
      headers: { Authorization: 'Bearer nope' },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'admin key required' });
  });

  it('sets, advances and releases the clock', async () => {
    expect(await h.admin('GET', 'clock')).toEqual({ status: 200, body: { now: T0, frozen: true } });
    expect((await h.admin('POST', 'clock', { advanceMs: 90_000 })).body).toEqual({
      now: '2025-03-03T08:01:30.000Z',
      frozen: true,
    });
    expect((await h.admin('POST', 'clock', { now: 'not a date' })).status).toBe(400);
    const released = (await h.admin('POST', 'clock', { now: null })).body as { now: string; frozen: boolean };
    expect(released.frozen).toBe(false);
    expect(Math.abs(Date.parse(released.now) - Date.now())).toBeLessThan(5_000);
    await h.admin('POST', 'clock', { now: T0 });
  });

  it('counts GraphQL requests by root field and resets the counts', async () => {
    await h.admin('DELETE', 'calls');
    const response = await fetch(h.wms.url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${h.wms.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        query: '{ a: orders { request_id } b: orders { request_id } warehouse_products { complexity } }',
      }),
    });
    expect(response.status).toBe(200);
    expect((await h.admin('GET', 'calls')).body).toEqual({
      requests: 1,
      byField: { orders: 2, warehouse_products: 1 },
    });
    expect((await h.admin('DELETE', 'calls')).body).toEqual({ requests: 0, byField: {} });
  });

  it('answers unknown fields with HTTP 400 and GraphQL errors, and rejects bad fault settings', async () => {
    const response = await fetch(h.wms.url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${h.wms.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: '{ purchase_orders { request_id } }' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: 'Cannot query field "purchase_orders" on type "Query".',
          request_id: expect.any(String),
          locations: [{ line: 1, column: 3 }],
        },
      ],
    });
    const bad = await h.admin('POST', 'faults', { outage: 'yes' });
    expect(bad.status).toBe(400);
  });

  it('describes itself', async () => {
    const { body } = await h.admin('GET', 'info');
    expect(body).toMatchObject({
      warehouses: [
        { code: 'CHI', name: 'Chicago Distribution Center', id: 'V2FyZWhvdXNlOjcyMTAx' },
        { code: 'DAL', name: 'Dallas Distribution Center', id: 'V2FyZWhvdXNlOjcyMTAy' },
        { code: 'NWK', name: 'Newark Distribution Center', id: 'V2FyZWhvdXNlOjcyMTAz' },
      ],
      stepMs: 60_000,
      credits: { max: 4004, perSecond: 60 },
    });
  });
});
