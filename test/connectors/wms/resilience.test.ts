/**
 * The connector's behaviour when the WMS has a bad day, against the emulator's faults over real HTTP:
 * throttling (waits the announced time, then gives up with WMS_THROTTLED), outages (retries, then the
 * breaker opens and later closes), malformed answers (WMS_PROTOCOL) and a refused token.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { withCorrelationId } from '../../../platform/correlation.js';
import { createLogger } from '../../../platform/logger.js';
import { createHttpClient } from '../../../connectors/shared/http-client.js';
import { parseWmsConfig, WmsClient } from '../../../connectors/wms/index.js';
import { startWmsHarness, type WmsHarness } from './harness.js';

describe('WMS connector resilience', () => {
  let h: WmsHarness;

  beforeAll(async () => {
    h = await startWmsHarness();
  });
  beforeEach(async () => {
    await h.admin('DELETE', 'faults');
    h.wms.emulator.credits.refillAll();
    h.wms.calls.reset();
  });
  afterAll(() => h.close());

  it('waits the time a throttling error announces and then succeeds', async () => {
    await h.admin('POST', 'faults', { throttle: { timeRemainingSeconds: 0.2, count: 2 } });
    const { client, calls } = h.clientWith();
    const started = Date.now();
    await expect(client.inventory({ warehouseCode: 'CHI' })).resolves.toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    expect(calls.map((c) => c.outcome)).toEqual(['WMS_THROTTLED', 'WMS_THROTTLED', 'ok']);
    expect(h.wms.calls.requests).toBe(3);
  });

  it('gives up with WMS_THROTTLED once its waits run out, or at once when the wait is too long', async () => {
    await h.admin('POST', 'faults', { throttle: { timeRemainingSeconds: 0.05 } });
    const { client, calls } = h.clientWith({ throttleRetries: 1 });
    await expect(client.fulfillment('SO-1')).rejects.toMatchObject({
      code: 'WMS_THROTTLED',
      retryable: false,
      wmsCode: 30,
      retryAfterMs: 50,
      message: expect.stringContaining('There are not enough credits to perform the requested operation'),
    });
    expect(calls.map((c) => c.outcome)).toEqual(['WMS_THROTTLED', 'WMS_THROTTLED']);

    await h.admin('POST', 'faults', { throttle: { timeRemainingSeconds: 120 } });
    const patient = h.clientWith({ throttleMaxWaitMs: 1_000 });
    await expect(patient.client.fulfillment('SO-1')).rejects.toMatchObject({
      code: 'WMS_THROTTLED',
      retryAfterMs: 120_000,
    });
    expect(patient.calls).toHaveLength(1);
  });

  it('throttles on its credit bucket in ShipHero’s error shape', async () => {
    const small = await startWmsHarness({ maxCredits: 10, creditsPerSecond: 20 });
    try {
      const { client, calls } = small.clientWith();
      await client.inventory(); // costs the whole bucket
      const raw = await fetch(small.wms.url, {
        method: 'POST',
        headers: { Authorization: `Bearer ${small.wms.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          query: '{ orders { request_id complexity data(first: 5) { edges { node { id } } } } }',
        }),
      });
      expect(raw.status).toBe(200);
      expect(await raw.json()).toEqual({
        data: null,
        errors: [
          {
            code: 30,
            message: expect.stringMatching(
              /^There are not enough credits to perform the requested operation, which requires 6 credits\. .* Try again in 0\.\d+ seconds$/,
            ),
            operation: 'orders',
            request_id: expect.any(String),
            required_credits: 6,
            remaining_credits: expect.any(Number),
            time_remaining: expect.stringMatching(/^0\.\d+ seconds$/),
          },
        ],
      });
      await expect(client.inventory({ warehouseCode: 'DAL' })).resolves.toHaveLength(1);
      expect(calls.map((c) => c.outcome)).toEqual(['ok', 'WMS_THROTTLED', 'ok']);
    } finally {
      await small.close();
    }
  });

  it('retries a read through an outage, then gives up with WMS_UNAVAILABLE', async () => {
    await h.admin('POST', 'faults', { outage: true });
    const { client, calls } = h.clientWith({ retryAttempts: 2 });
    await expect(client.fulfillment('SO-1')).rejects.toMatchObject({
      code: 'WMS_UNAVAILABLE',
      retryable: true,
      httpStatus: 503,
    });
    expect(calls.map((c) => c.outcome)).toEqual(['WMS_UNAVAILABLE', 'WMS_UNAVAILABLE', 'WMS_UNAVAILABLE']);
    expect(h.wms.calls.requests).toBe(3);
  });

  it('opens the circuit after repeated failures, refusing without a call, and closes it after the half-open pause', async () => {
    await h.admin('POST', 'faults', { outage: true });
    const { client, calls } = h.clientWith({ retryAttempts: 0, breakerThreshold: 2, breakerHalfOpenMs: 500 });
    await expect(client.fulfillment('SO-1')).rejects.toMatchObject({ code: 'WMS_UNAVAILABLE' });
    await expect(client.fulfillment('SO-1')).rejects.toMatchObject({ code: 'WMS_UNAVAILABLE' });
    await expect(client.fulfillment('SO-1')).rejects.toMatchObject({
      code: 'WMS_CIRCUIT_OPEN',
      retryable: false,
    });
    expect(h.wms.calls.requests).toBe(2);
    await h.admin('DELETE', 'faults');
    await expect(client.fulfillment('SO-1')).rejects.toMatchObject({ code: 'WMS_CIRCUIT_OPEN' });
    await new Promise((resolve) => setTimeout(resolve, 550));
    await expect(client.fulfillment('SO-1')).resolves.toBeNull();
    await expect(client.inventory({ warehouseCode: 'NWK' })).resolves.toHaveLength(1);
    expect(calls.map((c) => c.outcome)).toEqual([
      'WMS_UNAVAILABLE',
      'WMS_UNAVAILABLE',
      'WMS_CIRCUIT_OPEN',
      'WMS_CIRCUIT_OPEN',
      'ok',
      'ok',
    ]);
    expect(h.wms.calls.requests).toBe(4);
  });

  it('reports answers of the wrong shape, or not JSON at all, as WMS_PROTOCOL without retrying', async () => {
    const { client, calls } = h.clientWith({ retryAttempts: 3 });
    await h.admin('POST', 'faults', { malformedResponse: 'shape' });
    await expect(client.inventory({ warehouseCode: 'CHI' })).rejects.toMatchObject({
      code: 'WMS_PROTOCOL',
      operation: 'warehouse_products',
      message: expect.stringContaining('unexpected shape'),
    });
    await h.admin('POST', 'faults', { malformedResponse: 'not-json' });
    await expect(client.fulfillment('SO-1')).rejects.toMatchObject({ code: 'WMS_PROTOCOL', httpStatus: 200 });
    expect(calls.map((c) => c.outcome)).toEqual(['WMS_PROTOCOL', 'WMS_PROTOCOL']);
  });

  it('reports a refused token as WMS_AUTHENTICATION', async () => {
    const { client } = h.clientWith({ token: 'not-the-token' });
    await expect(client.inventory()).rejects.toMatchObject({
      code: 'WMS_AUTHENTICATION',
      httpStatus: 401,
      retryable: false,
    });
    expect(h.wms.calls.requests).toBe(0);
  });

  it('sends the bearer token and the correlation id of the work in progress', async () => {
    const seen: Headers[] = [];
    const http = createHttpClient();
    const config = parseWmsConfig({ url: h.wms.url, token: h.wms.token }, { mode: 'demo' });
    const client = new WmsClient(config, {
      logger: createLogger({ name: 'wms', level: 'silent' }),
      send: (url, request) => {
        seen.push(new Headers(request.headers));
        return http.send(url, request);
      },
    });
    await withCorrelationId('corr-wms-1', () => client.fulfillment('SO-1'));
    await http.close();
    expect(seen[0]?.get('x-correlation-id')).toBe('corr-wms-1');
    expect(seen[0]?.get('authorization')).toBe(`Bearer ${h.wms.token}`);
  });
});
