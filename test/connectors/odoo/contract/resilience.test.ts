/**
 * The connector's retries, limits and circuit breaker against the emulated Odoo's injected faults, over
 * real HTTP: reads survive transient failures, writes are never repeated behind the caller's back, and a
 * failing Odoo is left alone once the circuit opens.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createHttpClient } from '../../../../connectors/shared/http-client.js';
import type { HttpSend } from '../../../../connectors/odoo/index.js';
import { startContractHarness, type ContractHarness, type Protocol } from './harness.js';

describe.each<Protocol>(['json2', 'jsonrpc'])('Odoo connector resilience over %s', (protocol) => {
  let h: ContractHarness;

  beforeAll(async () => {
    h = await startContractHarness(protocol);
    await h.client.protocol(); // settle the version probe and JSON-RPC login before faults start
  });
  afterEach(() => h.setFaults({}));
  afterAll(() => h.close());

  it('retries a read through serialization failures and succeeds', async () => {
    // Seeded draws: the first two search_count attempts fail, then the call goes through.
    await h.setFaults({
      rules: [{ model: 'res.partner', method: 'search_count', serializationFailureRate: 0.5 }],
      seed: 7,
    });
    const { client, calls } = h.clientWith({ retryAttempts: 5 });
    await client.protocol();
    const count = await client.searchCount('res.partner');
    expect(count).toBeGreaterThan(0);
    const attempts = calls.filter((call) => call.method === 'search_count');
    expect(attempts.length).toBeGreaterThan(1);
    expect(attempts.at(-1)?.outcome).toBe('ok');
    expect(attempts.slice(0, -1).every((call) => call.outcome === 'ODOO_UNAVAILABLE')).toBe(true);
  });

  it('gives up on a read after its retry limit with a retryable error', async () => {
    await h.setFaults({ rules: [{ model: 'res.partner', method: 'search_read', errorRate: 1 }] });
    const { client, calls } = h.clientWith({ retryAttempts: 2, breakerThreshold: 50 });
    await client.protocol();
    await expect(client.searchRead('res.partner', { fields: ['name'] })).rejects.toMatchObject({
      code: 'ODOO_UNAVAILABLE',
      retryable: true,
      odooName: 'psycopg2.OperationalError',
    });
    expect(calls.filter((call) => call.method === 'search_read')).toHaveLength(3);
  });

  it('never retries a create unless the caller marks it idempotent, and the failed create left nothing', async () => {
    await h.setFaults({ rules: [{ model: 'res.partner', method: 'create', errorRate: 1 }] });
    const { client, calls } = h.clientWith({ retryAttempts: 3, breakerThreshold: 50 });
    await client.protocol();
    await expect(client.create('res.partner', [{ name: 'Only Once Ltd' }])).rejects.toMatchObject({
      code: 'ODOO_UNAVAILABLE',
    });
    expect(calls.filter((call) => call.method === 'create')).toHaveLength(1);
    await expect(
      client.create('res.partner', [{ name: 'Only Once Ltd' }], { idempotent: true }),
    ).rejects.toMatchObject({
      code: 'ODOO_UNAVAILABLE',
    });
    expect(calls.filter((call) => call.method === 'create')).toHaveLength(1 + 4);
    await h.setFaults({});
    expect(await client.searchCount('res.partner', { domain: [['name', '=', 'Only Once Ltd']] })).toBe(0);
  });

  it('times out a slow call and reports it as retryable', async () => {
    await h.setFaults({ rules: [{ model: 'res.partner', method: 'search_count', latencyMs: 400 }] });
    const { client } = h.clientWith({ timeoutMs: 100, retryAttempts: 0 });
    await client.protocol();
    await expect(client.searchCount('res.partner')).rejects.toMatchObject({
      code: 'ODOO_UNAVAILABLE',
      retryable: true,
    });
  });

  it('opens the circuit after consecutive failures, fails fast while open, and closes after a good trial call', async () => {
    await h.setFaults({ rules: [{ model: 'res.partner', errorRate: 1 }] });
    const { client, calls } = h.clientWith({
      retryAttempts: 0,
      breakerThreshold: 3,
      breakerHalfOpenAfterMs: 200,
    });
    await client.protocol();
    for (let i = 0; i < 3; i += 1) {
      await expect(client.searchCount('res.partner')).rejects.toMatchObject({ code: 'ODOO_UNAVAILABLE' });
    }
    const served = h.odoo.emulator.faults; // the emulator still fails every call...
    expect(served.config.rules).toHaveLength(1);
    await expect(client.searchCount('res.partner')).rejects.toMatchObject({ code: 'ODOO_CIRCUIT_OPEN' });
    expect(calls.at(-1)?.outcome).toBe('ODOO_CIRCUIT_OPEN');
    await h.setFaults({}); // ...until Odoo recovers; after the cooldown one trial call closes the circuit.
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await client.searchCount('res.partner')).toBeGreaterThan(0);
    expect(await client.searchCount('res.partner')).toBeGreaterThan(0);
  });

  it('keeps at most maxConcurrency calls in flight at Odoo', async () => {
    await h.setFaults({ latency: { fixedMs: 30, jitterMs: 0 } });
    let inFlight = 0;
    let peak = 0;
    // The real sender, counted: what is on the wire is what Odoo's workers see.
    const http = createHttpClient();
    const countingSend: HttpSend = async (url, request) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      try {
        return await http.send(url, request);
      } finally {
        inFlight -= 1;
      }
    };
    const { client } = h.clientWith({ maxConcurrency: 2 }, countingSend);
    await client.protocol();
    const counts = await Promise.all(Array.from({ length: 8 }, () => client.searchCount('res.partner')));
    await http.close();
    expect(new Set(counts).size).toBe(1);
    expect(peak).toBe(2);
  });
});
