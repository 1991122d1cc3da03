/**
 * Retries, rate limits, circuit breakers (the API's and each carrier account's), and answers that are
 * not what the API sends, against the emulator's injected faults over real HTTP.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ACCOUNT_SUSPENDED_MESSAGE } from '../../../connectors/carrier/index.js';
import { BOX, CHICAGO, SEATTLE, T0, startCarrierFixture, type CarrierFixture } from './support.js';

describe('carrier connector resilience', () => {
  let f: CarrierFixture;

  beforeAll(async () => {
    f = await startCarrierFixture();
  });
  beforeEach(async () => {
    f.carrier.clock.set(T0);
    await f.admin('DELETE', 'faults');
    f.carrier.calls.reset();
  });
  afterAll(() => f.close());

  const quoteWith = (client = f.client) => client.quoteRates({ from: CHICAGO, to: SEATTLE, parcel: BOX });

  it('retries a read through two 503s, then succeeds', async () => {
    await f.admin('POST', 'faults', { failNext: 2 });
    const { client, events } = f.clientWith({ retryAttempts: 3 });
    await expect(client.carrierAccounts()).resolves.toHaveLength(3);
    expect(events.map((e) => `${e.method} ${e.path} ${e.outcome} #${e.attempt}`)).toEqual([
      'GET /v2/carrier_accounts CARRIER_UNAVAILABLE #1',
      'GET /v2/carrier_accounts CARRIER_UNAVAILABLE #2',
      'GET /v2/carrier_accounts ok #3',
    ]);
    expect(f.carrier.calls.count('GET /v2/carrier_accounts')).toBe(3);
  });

  it('never repeats a buy after a 503', async () => {
    const { rates } = await quoteWith();
    await f.admin('POST', 'faults', { failNext: 1 });
    f.carrier.calls.reset();
    await expect(f.client.buyRate(rates[0]!.carrierShipmentId, rates[0]!.id)).rejects.toMatchObject({
      code: 'CARRIER_UNAVAILABLE',
      httpStatus: 503,
    });
    expect(f.carrier.calls.snapshot()).toEqual({
      'GET /v2/shipments/:id': 1,
      'POST /v2/shipments/:id/buy': 1,
    });
  });

  it('returns the bought shipment when the buy answer timed out after the purchase', async () => {
    const { rates } = await quoteWith();
    const rate = rates[1]!;
    await f.admin('POST', 'faults', { latencyMs: 400, latencyRoute: 'POST /v2/shipments/:id/buy' });
    const { client, events } = f.clientWith({ timeoutMs: 150 });
    const shipment = await client.buyRate(rate.carrierShipmentId, rate.id);
    expect(shipment).toMatchObject({ carrierShipmentId: rate.carrierShipmentId, service: rate.service });
    expect(events.map((e) => `${e.method} ${e.path} ${e.outcome}`)).toEqual([
      'POST /v2/shipments/:id/buy CARRIER_UNAVAILABLE',
      'GET /v2/shipments/:id ok',
    ]);
  });

  it('waits out a 429 as long as Retry-After says, then succeeds', async () => {
    await f.admin('POST', 'faults', { rateLimitNext: 1, retryAfterSeconds: 1 });
    const { client, events } = f.clientWith({ retryAttempts: 2 });
    const started = performance.now();
    await expect(client.carrierAccounts()).resolves.toHaveLength(3);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(events.map((e) => e.outcome)).toEqual(['CARRIER_RATE_LIMITED', 'ok']);
  });

  it('fails at once with CARRIER_RATE_LIMITED when the announced wait is too long', async () => {
    await f.admin('POST', 'faults', { rateLimitNext: 1, retryAfterSeconds: 120 });
    const { client } = f.clientWith({ rateLimitMaxWaitMs: 5_000 });
    await expect(client.carrierAccounts()).rejects.toMatchObject({
      code: 'CARRIER_RATE_LIMITED',
      httpStatus: 429,
      retryAfterMs: 120_000,
    });
  });

  it('opens the circuit in an outage, refuses without calling, and closes after the half-open pause', async () => {
    const { client } = f.clientWith({ retryAttempts: 0, breakerThreshold: 2, breakerHalfOpenMs: 200 });
    await f.admin('POST', 'faults', { outage: true });
    for (let i = 0; i < 2; i += 1)
      await expect(client.carrierAccounts()).rejects.toMatchObject({
        code: 'CARRIER_UNAVAILABLE',
        httpStatus: 503,
      });
    f.carrier.calls.reset();
    await expect(client.carrierAccounts()).rejects.toMatchObject({
      code: 'CARRIER_CIRCUIT_OPEN',
      retryable: false,
    });
    expect(f.carrier.calls.total()).toBe(0);
    await f.admin('DELETE', 'faults');
    await new Promise((resolve) => setTimeout(resolve, 250));
    await expect(client.carrierAccounts()).resolves.toHaveLength(3);
    await expect(client.carrierAccounts()).resolves.toHaveLength(3);
    expect(f.carrier.calls.total()).toBe(2);
  });

  it('quotes the carriers that are up and reports the one that is down', async () => {
    await f.admin('POST', 'faults', { carriersDown: ['FedEx'] });
    const { rates, failures } = await quoteWith();
    expect([...new Set(rates.map((r) => r.carrier))]).toEqual(['USPS', 'UPS']);
    expect(failures).toEqual([
      {
        carrier: 'FedEx',
        carrierAccountId: expect.stringMatching(/^ca_/),
        message: expect.stringContaining('temporarily unavailable'),
      },
    ]);
  });

  it('suspends a carrier account after repeated failures, leaves it out, and tries it again later', async () => {
    const { client } = f.clientWith({ breakerThreshold: 2, breakerHalfOpenMs: 200 });
    const fedex = (await client.carrierAccounts()).find((a) => a.carrier === 'FedEx')!;
    await f.admin('POST', 'faults', { carriersDown: ['FedEx'] });
    await quoteWith(client);
    await quoteWith(client);
    await f.admin('DELETE', 'faults');
    f.carrier.calls.reset();
    const suspended = await quoteWith(client);
    expect(suspended.failures).toEqual([
      { carrier: 'FedEx', carrierAccountId: fedex.id, message: ACCOUNT_SUSPENDED_MESSAGE },
    ]);
    expect(suspended.rates.some((r) => r.carrier === 'FedEx')).toBe(false);
    expect(f.carrier.calls.snapshot()).toEqual({ 'POST /v2/shipments': 1 });

    const onlyFedex = await client.quoteRates({
      from: CHICAGO,
      to: SEATTLE,
      parcel: BOX,
      carrierAccountIds: [fedex.id],
    });
    expect(onlyFedex).toEqual({ rates: [], failures: suspended.failures });
    expect(f.carrier.calls.total()).toBe(1);

    await new Promise((resolve) => setTimeout(resolve, 250));
    const back = await quoteWith(client);
    expect(back.failures).toEqual([]);
    expect(back.rates.filter((r) => r.carrier === 'FedEx')).toHaveLength(3);
  });

  it('turns an answer that is not what the API sends into CARRIER_PROTOCOL, not retried', async () => {
    await f.admin('POST', 'faults', { malformedNext: 1 });
    const { client, events } = f.clientWith({ retryAttempts: 3 });
    await expect(client.carrierAccounts()).rejects.toMatchObject({
      code: 'CARRIER_PROTOCOL',
      httpStatus: 200,
    });
    expect(events).toHaveLength(1);
  });

  it('turns a refused connection into CARRIER_UNAVAILABLE', async () => {
    const { client } = f.clientWith({ url: 'http://127.0.0.1:9', retryAttempts: 1 });
    await expect(client.carrierAccounts()).rejects.toMatchObject({ code: 'CARRIER_UNAVAILABLE' });
  });
});
