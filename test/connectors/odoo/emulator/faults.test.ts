import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { admin, executeKw, json2, start, type RunningOdooEmulator } from './support.js';

describe('Odoo emulator fault injection', () => {
  let odoo: RunningOdooEmulator;

  beforeAll(async () => {
    odoo = await start();
  });
  afterAll(() => odoo.close());

  it('protects the admin endpoints with the admin key', async () => {
    const response = await fetch(`${odoo.url}/__emulator/faults`, {
      headers: { Authorization: 'bearer wrong' },
    });
    expect(response.status).toBe(401);
  });

  it('adds latency configured at run time', async () => {
    const set = await admin(odoo, 'POST', 'faults', { latency: { fixedMs: 120, jitterMs: 0 } });
    expect(set.status).toBe(200);
    expect(set.body.latency).toEqual({ fixedMs: 120, jitterMs: 0 });
    const began = performance.now();
    expect((await json2(odoo, 'res.partner', 'search', { domain: [] })).status).toBe(200);
    expect(performance.now() - began).toBeGreaterThanOrEqual(110);
    await admin(odoo, 'DELETE', 'faults');
  });

  it('fails calls at the configured error rate without changing data', async () => {
    await admin(odoo, 'POST', 'faults', {
      rules: [{ model: 'res.partner', method: 'create', errorRate: 1 }],
    });
    const before = (await json2(odoo, 'res.partner', 'search_count', { domain: [] })).body;
    const failed = await json2(odoo, 'res.partner', 'create', { vals_list: [{ name: 'Never' }] });
    expect(failed.status).toBe(500);
    expect(failed.body.name).toBe('psycopg2.OperationalError');
    const rpc = await executeKw(odoo, 'res.partner', 'create', [{ name: 'Never' }]);
    expect(rpc.status).toBe(200);
    expect(rpc.body.error).toMatchObject({
      code: 200,
      message: 'Odoo Server Error',
      data: { name: 'psycopg2.OperationalError' },
    });
    expect((await json2(odoo, 'res.partner', 'search_count', { domain: [] })).body).toBe(before);
    await admin(odoo, 'DELETE', 'faults');
    expect((await json2(odoo, 'res.partner', 'create', { vals_list: [{ name: 'Now' }] })).status).toBe(200);
  });

  it('injects serialization failures', async () => {
    await admin(odoo, 'POST', 'faults', { serializationFailureRate: 1 });
    const { status, body } = await json2(odoo, 'res.partner', 'search', { domain: [] });
    expect(status).toBe(500);
    expect(body).toMatchObject({
      name: 'psycopg2.errors.SerializationFailure',
      message: 'could not serialize access due to concurrent update\n',
    });
    await admin(odoo, 'DELETE', 'faults');
  });

  it('draws reproducibly from a seed', async () => {
    const draw = async (): Promise<number[]> => {
      await admin(odoo, 'POST', 'faults', { errorRate: 0.5, seed: 7 });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++)
        statuses.push((await json2(odoo, 'res.partner', 'search_count', { domain: [] })).status);
      return statuses;
    };
    const first = await draw();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await draw()).toEqual(first);
    await admin(odoo, 'DELETE', 'faults');
  });

  it('refuses an invalid configuration with 400', async () => {
    const { status, body } = await admin(odoo, 'POST', 'faults', { errorRate: 2 });
    expect(status).toBe(400);
    expect(body.error).toBe('invalid configuration');
  });

  it('moves the clock through the admin endpoint', async () => {
    const set = await admin(odoo, 'POST', 'clock', { now: '2024-06-30 23:59:00' });
    expect(set.body).toEqual({ now: '2024-06-30 23:59:00', frozen: true });
    const [id] = (await json2(odoo, 'res.partner', 'create', { vals_list: [{ name: 'Dated' }] }))
      .body as number[];
    expect(
      (await json2(odoo, 'res.partner', 'read', { ids: [id], fields: ['create_date'] })).body[0].create_date,
    ).toBe('2024-06-30 23:59:00');
    expect((await admin(odoo, 'POST', 'clock', { now: null })).body.frozen).toBe(false);
  });
});
