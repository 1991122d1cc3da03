/**
 * Carrier and WMS webhooks through the receiver: deliveries the emulators send end to end, signatures
 * checked over the raw body (a tampered body, a wrong key or a stale signed time refused with nothing
 * appended), and redeliveries, or another delivery of the same change, appended once.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { CarrierClient, parseCarrierConfig, signCarrierWebhook } from '../../connectors/carrier/index.js';
import {
  startCarrierEmulator,
  type RunningCarrierEmulator,
} from '../../connectors/carrier/emulator/server.js';
import { DEMO_WAREHOUSES, parseWmsConfig, signWmsWebhook, WmsClient } from '../../connectors/wms/index.js';
import { startWmsEmulator } from '../../connectors/wms/emulator/server.js';
import { warehouseCodes, type WebhookReceiverOptions } from '../../events/inbound/index.js';
import { eventDataSchemas, EventLog } from '../../platform/events/index.js';
import type { RedisClient } from '../../platform/redis.js';
import {
  allEvents,
  connect,
  deleteKeys,
  demoOrder,
  logger,
  post,
  startOdoo,
  startReceiver,
  uniquePrefix,
  type OdooFixture,
  type ReceiverServer,
} from './support.js';

const CARRIER_SECRET = 'carrier-secret-ß'; // non-ASCII: EasyPost normalises the key to NFKD
const WMS_SECRET = 'wms-shared-signature-secret';

let redis: RedisClient;
let odoo: OdooFixture;
let prefix: string;
let log: EventLog;
let receiver: ReceiverServer;
let options: WebhookReceiverOptions;

beforeAll(async () => {
  redis = await connect();
  odoo = await startOdoo();
});
afterAll(async () => {
  await odoo.close();
  redis.destroy();
});
beforeEach(async () => {
  prefix = uniquePrefix();
  log = new EventLog({ redis, stream: prefix });
  options = {
    events: log,
    odoo: odoo.client,
    redis,
    logger,
    carrierSecret: CARRIER_SECRET,
    wmsSecret: WMS_SECRET,
    warehouseCodeOf: warehouseCodes(Object.fromEntries(DEMO_WAREHOUSES.map((w) => [w.code, w.id]))),
    orderStatusKey: `${prefix}:order-status`,
  };
  receiver = await startReceiver(options);
});
afterEach(async () => {
  await receiver.close();
  await deleteKeys(redis, prefix);
});

/** Every event in the log satisfies its type's data schema. */
async function typedEvents() {
  const events = await allEvents(log);
  for (const event of events)
    expect(eventDataSchemas[event.type].safeParse(event.data).error).toBeUndefined();
  return events;
}

function trackerEvent(eventId: string, createdAt: string, status = 'in_transit') {
  return JSON.stringify({
    id: eventId,
    object: 'Event',
    description: 'tracker.updated',
    previous_attributes: { status: 'pre_transit' },
    created_at: createdAt,
    result: {
      id: 'trk_test1',
      object: 'Tracker',
      tracking_code: '9400100000000000000001',
      status,
      carrier: 'USPS',
      tracking_details: [
        {
          object: 'TrackingDetail',
          status: 'pre_transit',
          message: 'Label created',
          datetime: '2026-01-05T10:00:00Z',
        },
        {
          object: 'TrackingDetail',
          status,
          message: 'Arrived at facility',
          datetime: '2026-01-05T14:00:00Z',
        },
      ],
      created_at: '2026-01-05T10:00:00Z',
      updated_at: '2026-01-05T14:00:00Z',
    },
  });
}

describe('POST /webhooks/carrier', () => {
  let carrier: RunningCarrierEmulator;
  beforeAll(async () => {
    carrier = await startCarrierEmulator({ exceptionRate: 0, tickMs: 60_000, logger });
  });
  afterAll(() => carrier.close());

  it('records the tracker updates the carrier emulator sends, with the order and its tenant', async () => {
    const { number, tenant } = await demoOrder(odoo.client);
    const hook = carrier.emulator.createWebhook(`${receiver.url}/webhooks/carrier`, CARRIER_SECRET) as {
      id: string;
    };
    try {
      const seeded = carrier.seedShipment({
        reference: number,
        from: {
          name: 'A',
          company: null,
          street1: '233 S Wacker Dr',
          street2: null,
          city: 'Chicago',
          state: 'IL',
          postalCode: '60606',
          country: 'US',
          phone: null,
          email: null,
        },
        to: {
          name: 'B',
          company: null,
          street1: '400 Pine St',
          street2: null,
          city: 'Seattle',
          state: 'WA',
          postalCode: '98101',
          country: 'US',
          phone: null,
          email: null,
        },
        parcel: { weightOz: 20, lengthIn: 10, widthIn: 8, heightIn: 4 },
        carrier: 'USPS',
        service: 'Priority',
        purchasedAt: new Date(carrier.clock.now()).toISOString(),
      });
      // Seeded history is not news; scans after it are, once the clock reaches them. The receiver reads
      // the emulator's clock, so that the signed times are current.
      const client = new CarrierClient(
        parseCarrierConfig({ url: carrier.url, apiKey: carrier.apiKey }, { mode: 'demo' }),
        { logger },
      );
      // The tracker names its shipment, whose reference is the order: read through the client.
      receiver.configure({ ...options, carrier: client, now: () => new Date(carrier.clock.now()) });
      carrier.clock.advance(36 * 3600_000);
      carrier.emulator.tick();
      await carrier.emulator.webhooks.flush();
      const events = await typedEvents();
      expect(events).toEqual([
        expect.objectContaining({
          type: 'shipment.updated',
          source: 'carrier',
          subject: seeded.trackingCode,
          tenantPartnerId: tenant,
          data: expect.objectContaining({ trackingNumber: seeded.trackingCode, orderNumber: number }),
        }),
      ]);
      expect(carrier.emulator.webhooks.attempts.map((a) => a.status)).toEqual([200]);
    } finally {
      carrier.emulator.deleteWebhook(hook.id);
    }
  });

  it('appends a redelivery, or another event of the same tracker state, once', async () => {
    const now = new Date().toISOString();
    const first = trackerEvent('evt_1', now);
    const headers = (body: string) => ({ 'x-hmac-signature': signCarrierWebhook(body, CARRIER_SECRET) });
    const url = `${receiver.url}/webhooks/carrier`;
    const accepted = await post(url, first, headers(first));
    expect(accepted).toEqual({
      status: 200,
      body: { appended: 1, duplicates: 0, ids: [expect.any(String)] },
    });
    expect(await post(url, first, headers(first))).toEqual({
      status: 200,
      body: { appended: 0, duplicates: 1, ids: accepted.body.ids },
    });
    const other = trackerEvent('evt_2', now);
    expect((await post(url, other, headers(other))).body).toMatchObject({ appended: 0, duplicates: 1 });
    expect(await redis.xLen(prefix)).toBe(1);
    const [event] = await typedEvents();
    expect(event).toMatchObject({
      subject: '9400100000000000000001',
      time: '2026-01-05T14:00:00.000Z',
      tenantPartnerId: null,
      data: {
        status: 'IN_TRANSIT',
        orderNumber: null,
        lastEvent: {
          occurredAt: '2026-01-05T14:00:00.000Z',
          status: 'IN_TRANSIT',
          message: 'Arrived at facility',
        },
      },
    });
  });

  it('refuses a tampered body, a wrong key, no signature and a stale signed time, appending nothing', async () => {
    const url = `${receiver.url}/webhooks/carrier`;
    const body = trackerEvent('evt_3', new Date().toISOString());
    const signature = signCarrierWebhook(body, CARRIER_SECRET);
    const tampered = body.replace('in_transit', 'delivered');
    const codeOf = async (text: string, headers: Record<string, string>) => {
      const answer = await post(url, text, headers);
      return [answer.status, answer.body.error?.code];
    };
    expect(await codeOf(tampered, { 'x-hmac-signature': signature })).toEqual([401, 'WEBHOOK_SIGNATURE']);
    expect(await codeOf(body, { 'x-hmac-signature': signCarrierWebhook(body, 'another') })).toEqual([
      401,
      'WEBHOOK_SIGNATURE',
    ]);
    expect(await codeOf(body, {})).toEqual([401, 'WEBHOOK_SIGNATURE']);
    const stale = trackerEvent('evt_4', new Date(Date.now() - 2 * 24 * 3600_000).toISOString());
    expect(await codeOf(stale, { 'x-hmac-signature': signCarrierWebhook(stale, CARRIER_SECRET) })).toEqual([
      401,
      'WEBHOOK_STALE',
    ]);
    const notJson = '{"id": "evt_5"';
    expect(
      await codeOf(notJson, { 'x-hmac-signature': signCarrierWebhook(notJson, CARRIER_SECRET) }),
    ).toEqual([400, 'WEBHOOK_MALFORMED']);
    expect(await redis.exists(prefix)).toBe(0);
  });
});

describe('POST /webhooks/wms', () => {
  const allocation = (orderNumber: string) =>
    JSON.stringify({
      webhook_type: 'Order Allocated',
      order_id: 5,
      order_uuid: 'T3JkZXI6NQ==',
      order_number: orderNumber,
      warehouse_id: 72101,
      warehouse_uuid: 'V2FyZWhvdXNlOjcyMTAx',
      allocated_at: '2026-01-05T09:00:00',
      line_items: [{ sku: 'DSP-1001', quantity: 1 }],
    });
  const signed = (body: string, messageId: string, secret = WMS_SECRET) => ({
    'x-shiphero-hmac-sha256': signWmsWebhook(body, secret),
    'x-shiphero-message-id': messageId,
  });

  it('records the allocation the WMS emulator announces, with the order tenant', async () => {
    const { number, tenant } = await demoOrder(odoo.client);
    const wms = await startWmsEmulator({ shortPickRate: 0, cancelRate: 0, tickIntervalMs: 60_000, logger });
    try {
      const config = parseWmsConfig({ url: wms.url, token: wms.token, timeoutMs: 2000 }, { mode: 'demo' });
      const client = new WmsClient(config, { logger });
      const { sharedSignatureSecret } = await client.createWebhook({
        type: 'Order Allocated',
        url: `${receiver.url}/webhooks/wms`,
      });
      receiver.configure({ ...options, wmsSecret: sharedSignatureSecret });
      wms.seedInventory('CHI', 'SKU-A', 10);
      await client.createOrder({
        orderNumber: number,
        warehouseCode: 'CHI',
        shipTo: {
          name: 'Ada',
          street1: '1 Main St',
          city: 'Chicago',
          state: 'IL',
          postalCode: '60601',
          country: 'US',
        },
        lines: [{ sku: 'SKU-A', quantity: 1 }],
      });
      wms.clock.set(new Date(wms.clock.now() + 2 * wms.emulator.stepMs).toISOString());
      wms.emulator.tick();
      await wms.emulator.dispatcher.flush();
      expect(await typedEvents()).toEqual([
        expect.objectContaining({
          type: 'fulfillment.updated',
          source: 'wms',
          subject: number,
          tenantPartnerId: tenant,
          data: { orderNumber: number, status: 'ALLOCATED' },
        }),
      ]);
    } finally {
      await wms.close();
    }
  });

  it('appends a redelivery, or another delivery of the same step, once', async () => {
    const url = `${receiver.url}/webhooks/wms`;
    const body = allocation('S-NOT-IN-ODOO');
    expect((await post(url, body, signed(body, 'm-1'))).body).toMatchObject({ appended: 1, duplicates: 0 });
    expect((await post(url, body, signed(body, 'm-1'))).body).toMatchObject({ appended: 0, duplicates: 1 });
    expect((await post(url, body, signed(body, 'm-2'))).body).toMatchObject({ appended: 0, duplicates: 1 });
    const [event] = await typedEvents();
    expect(event).toMatchObject({
      time: '2026-01-05T09:00:00.000Z',
      tenantPartnerId: null,
      data: { status: 'ALLOCATED' },
    });
    expect(await redis.xLen(prefix)).toBe(1);
  });

  it('refuses a tampered body, a wrong key and a delivery without message id, appending nothing', async () => {
    const url = `${receiver.url}/webhooks/wms`;
    const body = allocation('S00001');
    const codeOf = async (text: string, headers: Record<string, string>) => {
      const answer = await post(url, text, headers);
      return [answer.status, answer.body.error?.code];
    };
    expect(await codeOf(body.replace('S00001', 'S00002'), signed(body, 'm-3'))).toEqual([
      401,
      'WEBHOOK_SIGNATURE',
    ]);
    expect(await codeOf(body, signed(body, 'm-3', 'wrong'))).toEqual([401, 'WEBHOOK_SIGNATURE']);
    expect(await codeOf(body, { 'x-shiphero-hmac-sha256': signWmsWebhook(body, WMS_SECRET) })).toEqual([
      400,
      'WEBHOOK_MALFORMED',
    ]);
    const unknown = JSON.stringify({ webhook_type: 'Order Allocated', order_number: 'S1' });
    expect(await codeOf(unknown, signed(unknown, 'm-4'))).toEqual([400, 'WEBHOOK_MALFORMED']);
    expect(await redis.exists(prefix)).toBe(0);
  });
});
