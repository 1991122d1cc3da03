import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { admin, json2, start, type RunningOdooEmulator } from './support.js';

interface Received {
  contentType: string | undefined;
  body: Record<string, unknown>;
}

describe('Odoo emulator automation webhooks', () => {
  let odoo: RunningOdooEmulator;
  let receiver: Server;
  let url: string;
  let received: Received[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({
          contentType: req.headers['content-type'],
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    odoo = await start();
    const rules = [
      {
        id: 12,
        name: 'Partner changed',
        model: 'res.partner',
        trigger: 'on_create_or_write',
        url,
        fields: ['name', 'parent_id', 'write_date'],
        domain: [['is_company', '=', true]],
      },
      { id: 13, name: 'Partner deleted', model: 'res.partner', trigger: 'on_unlink', url },
    ];
    expect((await admin(odoo, 'POST', 'webhooks', rules)).status).toBe(200);
  });
  beforeEach(() => {
    received = [];
  });
  afterAll(async () => {
    await odoo.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it("POSTs Odoo's payload after commit", async () => {
    odoo.emulator.setNow('2025-03-01 08:00:00');
    const [id] = (
      await json2(odoo, 'res.partner', 'create', { vals_list: [{ name: 'Hooked Co', is_company: true }] })
    ).body as number[];
    odoo.emulator.setNow(null);
    await odoo.emulator.webhooks.flush();
    expect(received).toEqual([
      {
        contentType: 'application/json',
        body: {
          _action: 'Partner changed(#12)',
          _id: id,
          _model: 'res.partner',
          id,
          name: 'Hooked Co',
          parent_id: false,
          write_date: '2025-03-01 08:00:00',
        },
      },
    ]);
    expect(Object.keys(received[0]!.body)).toEqual([
      '_action',
      '_id',
      '_model',
      'id',
      'name',
      'parent_id',
      'write_date',
    ]);
  });

  it('skips records outside the rule domain', async () => {
    await json2(odoo, 'res.partner', 'create', { vals_list: [{ name: 'Just A Person' }] });
    await odoo.emulator.webhooks.flush();
    expect(received).toEqual([]);
  });

  it('sends nothing when the transaction rolls back', async () => {
    const failed = await json2(odoo, 'res.partner', 'create', {
      vals_list: [
        { name: 'Ghost Co', is_company: true },
        { name: 'Bad', type: 'nope' },
      ],
    });
    expect(failed.status).toBe(500);
    await odoo.emulator.webhooks.flush();
    expect(received).toEqual([]);
  });

  it('notifies unlinks with the id of the deleted record', async () => {
    const [id] = (await json2(odoo, 'res.partner', 'create', { vals_list: [{ name: 'Doomed' }] }))
      .body as number[];
    await json2(odoo, 'res.partner', 'unlink', { ids: [id] });
    await odoo.emulator.webhooks.flush();
    expect(received.map((r) => r.body)).toEqual([
      { _action: 'Partner deleted(#13)', _id: id, _model: 'res.partner', id },
    ]);
  });

  it('drops webhooks at the configured rate', async () => {
    await admin(odoo, 'POST', 'faults', { webhookDropRate: 1 });
    await json2(odoo, 'res.partner', 'create', { vals_list: [{ name: 'Silent Co', is_company: true }] });
    await odoo.emulator.webhooks.flush();
    expect(received).toEqual([]);
    await admin(odoo, 'DELETE', 'faults');
  });
});
