/**
 * Odoo automation-rule notifications through the receiver: accepted only with the shared token, verified
 * by reading the record back (the event is built from Odoo's record, never from the unsigned body), one
 * `order.status_changed` per real status change, refusals with a code and nothing appended.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { EventLog } from '../../platform/events/index.js';
import type { RedisClient } from '../../platform/redis.js';
import {
  allEvents,
  connect,
  customerContact,
  deleteKeys,
  logger,
  newOrder,
  orderRule,
  post,
  startOdoo,
  startReceiver,
  uniquePrefix,
  type OdooFixture,
  type ReceiverServer,
} from './support.js';

const TOKEN = 'odoo-shared-token-for-tests';

let redis: RedisClient;
let fixture: OdooFixture;
let prefix: string;
let log: EventLog;
let receiver: ReceiverServer;

beforeAll(async () => {
  redis = await connect();
  fixture = await startOdoo();
});
afterAll(async () => {
  await fixture.close();
  redis.destroy();
});
beforeEach(async () => {
  prefix = uniquePrefix();
  log = new EventLog({ redis, stream: prefix });
  receiver = await startReceiver({
    events: log,
    odoo: fixture.client,
    redis,
    logger,
    odooToken: TOKEN,
    orderStatusKey: `${prefix}:order-status`,
  });
});
afterEach(async () => {
  fixture.odoo.emulator.webhooks.setRules([]);
  await receiver.close();
  await deleteKeys(redis, prefix);
});

const hook = () => `${receiver.url}/webhooks/odoo`;

describe('POST /webhooks/odoo', () => {
  it('turns each status change an automation rule announces into one event, from the read-back record', async () => {
    fixture.odoo.emulator.webhooks.setRules([orderRule(`${hook()}?token=${TOKEN}`)]);
    const { contactId, companyId } = await customerContact(fixture.client);
    const flush = () => fixture.odoo.emulator.webhooks.flush();
    const order = await newOrder(fixture.client, contactId);
    await flush();
    await order.send();
    await flush();
    await order.cancel();
    await flush();
    const events = await allEvents(log);
    expect(
      events.map(({ type, source, subject, tenantPartnerId, data }) => ({
        type,
        source,
        subject,
        tenantPartnerId,
        data,
      })),
    ).toEqual([
      {
        type: 'order.status_changed',
        source: 'odoo',
        subject: order.number,
        tenantPartnerId: companyId,
        data: { orderNumber: order.number, status: 'DRAFT', previousStatus: null },
      },
      expect.objectContaining({
        data: { orderNumber: order.number, status: 'QUOTATION_SENT', previousStatus: 'DRAFT' },
      }),
      expect.objectContaining({
        data: { orderNumber: order.number, status: 'CANCELLED', previousStatus: 'QUOTATION_SENT' },
      }),
    ]);
  });

  it('refuses a notification without the token or with a wrong one (401) and appends nothing', async () => {
    const body = JSON.stringify({ _model: 'sale.order', _id: 1, id: 1, _action: 'Order changed(#1)' });
    const refused = {
      status: 401,
      body: { error: { code: 'WEBHOOK_UNAUTHENTICATED', message: expect.stringContaining('token') } },
    };
    expect(await post(hook(), body)).toEqual(refused);
    expect(await post(hook(), body, { 'x-dg-webhook-token': 'wrong' })).toEqual(refused);
    expect(await post(`${hook()}?token=wrong`, body)).toEqual(refused);
    expect(await post(`${hook()}?token=${TOKEN.slice(0, -1)}`, body)).toEqual(refused);
    expect(await redis.exists(prefix)).toBe(0);
    // The header works as well as the query.
    expect((await post(hook(), body, { 'x-dg-webhook-token': TOKEN })).status).toBe(200);
  });

  it('refuses a record Odoo does not have (422) and never trusts what the body claims', async () => {
    const auth = { 'x-dg-webhook-token': TOKEN };
    const missing = JSON.stringify({ _model: 'sale.order', _id: 999_999, id: 999_999, state: 'sale' });
    expect(await post(hook(), missing, auth)).toEqual({
      status: 422,
      body: {
        error: { code: 'WEBHOOK_RECORD_NOT_FOUND', message: 'sale.order 999999 does not exist in Odoo' },
      },
    });
    expect(await redis.exists(prefix)).toBe(0);

    const { contactId } = await customerContact(fixture.client);
    const order = await newOrder(fixture.client, contactId);
    const lying = JSON.stringify({
      _model: 'sale.order',
      _id: order.id,
      id: order.id,
      name: 'S99999',
      state: 'cancel',
    });
    expect(await post(hook(), lying, auth)).toMatchObject({ status: 200, body: { appended: 1 } });
    const [event] = await allEvents(log);
    expect(event).toMatchObject({
      subject: order.number,
      data: { orderNumber: order.number, status: 'DRAFT' },
    });

    // The same delivery again, and a notification of a write that did not change the status: nothing new.
    expect(await post(hook(), lying, auth)).toMatchObject({ status: 202, body: { ignored: 'unchanged' } });
    expect(await redis.xLen(prefix)).toBe(1);
  });

  it('refuses malformed bodies (400) and models it does not watch (422)', async () => {
    const auth = { 'x-dg-webhook-token': TOKEN };
    const codeOf = async (body: string) => {
      const answer = await post(hook(), body, auth);
      return [answer.status, answer.body.error?.code];
    };
    expect(await codeOf('{"_model": "sale.order", "_id": ')).toEqual([400, 'WEBHOOK_MALFORMED']);
    expect(await codeOf('{"_model": "sale.order"}')).toEqual([400, 'WEBHOOK_MALFORMED']);
    expect(await codeOf('{"_model": "sale.order", "_id": 1, "id": 2}')).toEqual([400, 'WEBHOOK_MALFORMED']);
    expect(await codeOf('{"_model": "res.partner", "_id": 1, "id": 1}')).toEqual([
      422,
      'WEBHOOK_MODEL_NOT_WATCHED',
    ]);
    expect(await redis.exists(prefix)).toBe(0);
  });
});
