/**
 * The reconciliation pass against the emulators and a real Redis: with every Odoo webhook dropped each
 * order change still becomes an event; a change both paths see is appended once; the cursors survive a
 * restart; a record committed late (stamped before the cursor) is found within the safety window; WMS
 * orders and carrier trackers whose webhooks never came are filled in; two processes never run at once.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { CarrierClient, parseCarrierConfig } from '../../connectors/carrier/index.js';
import { startCarrierEmulator } from '../../connectors/carrier/emulator/server.js';
import { parseWmsConfig, signWmsWebhook, WmsClient } from '../../connectors/wms/index.js';
import { startWmsEmulator } from '../../connectors/wms/emulator/server.js';
import {
  startReconciler,
  type ReconcilerOptions,
  type Reconciler,
} from '../../events/reconciliation/index.js';
import { EventLog } from '../../platform/events/index.js';
import type { RedisClient } from '../../platform/redis.js';
import {
  allEvents,
  connect,
  customerContact,
  deleteKeys,
  demoOrder,
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

const TOKEN = 'odoo-token';
const WMS_SECRET = 'wms-secret';

let redis: RedisClient;
let fixture: OdooFixture;
let prefix: string;
let log: EventLog;
let receiver: ReceiverServer;
const reconcilers: Reconciler[] = [];

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
    wmsSecret: WMS_SECRET,
    orderStatusKey: `${prefix}:order-status`,
  });
  fixture.odoo.emulator.webhooks.setRules([orderRule(`${receiver.url}/webhooks/odoo?token=${TOKEN}`)]);
});
afterEach(async () => {
  for (const reconciler of reconcilers.splice(0)) await reconciler.close();
  fixture.odoo.emulator.webhooks.setRules([]);
  fixture.odoo.emulator.faults.configure({});
  await receiver.close();
  await deleteKeys(redis, prefix);
});

function reconciler(options: Partial<ReconcilerOptions> = {}): Reconciler {
  const started = startReconciler({
    redis,
    events: log,
    odoo: fixture.client,
    logger,
    keyPrefix: prefix,
    orderStatusKey: `${prefix}:order-status`,
    autoStart: false,
    ...options,
  });
  reconcilers.push(started);
  return started;
}

/** The status events about one order (orders other tests changed may be found in the window too). */
const statuses = async (orderNumber: string) =>
  (await allEvents(log))
    .filter((e) => e.subject === orderNumber)
    .map((e) => [e.source, e.subject, e.data.previousStatus, e.data.status]);

describe('reconciling Odoo sale orders', () => {
  it('turns every order change into an event when Odoo drops every webhook', async () => {
    fixture.odoo.emulator.faults.configure({ webhookDropRate: 1 });
    const pass = reconciler();
    await pass.runOnce();
    const { contactId, companyId } = await customerContact(fixture.client);
    const order = await newOrder(fixture.client, contactId);
    expect((await pass.runOnce()).odoo).toMatchObject({ appended: 1, duplicates: 0 });
    await order.send();
    await pass.runOnce();
    await order.cancel();
    await pass.runOnce();
    await fixture.odoo.emulator.webhooks.flush();
    expect(await statuses(order.number)).toEqual([
      ['reconciliation', order.number, null, 'DRAFT'],
      ['reconciliation', order.number, 'DRAFT', 'QUOTATION_SENT'],
      ['reconciliation', order.number, 'QUOTATION_SENT', 'CANCELLED'],
    ]);
    const ours = (await allEvents(log)).filter((e) => e.subject === order.number);
    expect(ours.every((e) => e.tenantPartnerId === companyId)).toBe(true);
    // Nothing new since: the window is read again, and nothing is appended again.
    expect((await pass.runOnce()).odoo).toMatchObject({ appended: 0 });
  });

  it('appends a change seen by both the webhook and the reconciliation once, whichever comes first', async () => {
    const pass = reconciler();
    await pass.runOnce();
    const { contactId } = await customerContact(fixture.client);
    const order = await newOrder(fixture.client, contactId);
    await fixture.odoo.emulator.webhooks.flush();
    expect((await pass.runOnce()).odoo).toMatchObject({ appended: 0 });

    fixture.odoo.emulator.faults.configure({ webhookDropRate: 1 });
    await order.send();
    expect((await pass.runOnce()).odoo).toMatchObject({ appended: 1 });
    const late = JSON.stringify({ _model: 'sale.order', _id: order.id, id: order.id });
    expect(await post(`${receiver.url}/webhooks/odoo`, late, { 'x-dg-webhook-token': TOKEN })).toMatchObject({
      status: 202,
      body: { ignored: 'unchanged' },
    });
    expect(await statuses(order.number)).toEqual([
      ['odoo', order.number, null, 'DRAFT'],
      ['reconciliation', order.number, 'DRAFT', 'QUOTATION_SENT'],
    ]);
  });

  it('keeps its cursor across a restart: the next instance continues and re-emits nothing', async () => {
    fixture.odoo.emulator.faults.configure({ webhookDropRate: 1 });
    const first = reconciler();
    await first.runOnce();
    const { contactId } = await customerContact(fixture.client);
    const order = await newOrder(fixture.client, contactId);
    const before = await first.runOnce();
    await first.close();
    const cursor = await redis.hGet(`${prefix}:reconcile:cursors`, 'odoo:sale.order');
    expect(cursor).toBe(before.odoo!.cursor);

    const second = reconciler();
    expect((await second.runOnce()).odoo).toMatchObject({ appended: 0, cursor });
    await order.send();
    expect((await second.runOnce()).odoo).toMatchObject({ appended: 1 });
    expect((await statuses(order.number)).map((s) => s[3])).toEqual(['DRAFT', 'QUOTATION_SENT']);
  });

  it('finds a change committed late, stamped before its cursor, within the safety window', async () => {
    fixture.odoo.emulator.faults.configure({ webhookDropRate: 1 });
    const pass = reconciler({ safetyWindowMs: 60_000 });
    const { contactId } = await customerContact(fixture.client);
    await newOrder(fixture.client, contactId);
    const { odoo } = await pass.runOnce();
    // A transaction that started 30 s before the newest write_date read commits only now.
    fixture.odoo.emulator.setNow(new Date(Date.parse(odoo!.cursor!) - 30_000).toISOString());
    let order: Awaited<ReturnType<typeof newOrder>>;
    try {
      order = await newOrder(fixture.client, contactId);
    } finally {
      fixture.odoo.emulator.setNow(null);
    }
    expect((await pass.runOnce()).odoo).toMatchObject({ appended: 1, cursor: odoo!.cursor });
    expect(await statuses(order.number)).toEqual([['reconciliation', order.number, null, 'DRAFT']]);
  });

  it('does nothing while another process holds the lock, and never overlaps its own passes', async () => {
    await redis.set(`${prefix}:reconcile:lock`, 'someone-else', { PX: 10_000 });
    const pass = reconciler();
    expect(await pass.runOnce()).toEqual({ skipped: true });
    await redis.del(`${prefix}:reconcile:lock`);
    const [a, b] = await Promise.all([pass.runOnce(), pass.runOnce()]);
    expect([a.skipped, b.skipped]).toEqual([false, false]);
  });
});

describe('reconciling WMS orders and carrier trackers', () => {
  it('fills in the fulfilment steps whose webhooks never came, once', async () => {
    const { number, tenant } = await demoOrder(fixture.client);
    const wms = await startWmsEmulator({ shortPickRate: 0, cancelRate: 0, tickIntervalMs: 60_000, logger });
    try {
      const client = new WmsClient(parseWmsConfig({ url: wms.url, token: wms.token }, { mode: 'demo' }), {
        logger,
      });
      const pass = reconciler({ wms: client });
      await pass.runOnce();
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
      const { wms: summary } = await pass.runOnce();
      expect(summary).toMatchObject({ read: 1, appended: 1, duplicates: 0 });
      const events = (await allEvents(log)).filter((e) => e.type === 'fulfillment.updated');
      expect(events).toEqual([
        expect.objectContaining({
          type: 'fulfillment.updated',
          source: 'reconciliation',
          subject: number,
          tenantPartnerId: tenant,
          data: { orderNumber: number, status: 'ALLOCATED' },
        }),
      ]);
      // The webhook arriving after all is recognised.
      const allocated = JSON.stringify({
        webhook_type: 'Order Allocated',
        order_id: 1,
        order_uuid: 'T3JkZXI6MQ==',
        order_number: number,
        warehouse_id: 72101,
        warehouse_uuid: 'V2FyZWhvdXNlOjcyMTAx',
        allocated_at: '2026-01-05T09:00:00',
        line_items: [{ sku: 'SKU-A', quantity: 1 }],
      });
      const headers = {
        'x-shiphero-hmac-sha256': signWmsWebhook(allocated, WMS_SECRET),
        'x-shiphero-message-id': 'late-1',
      };
      expect((await post(`${receiver.url}/webhooks/wms`, allocated, headers)).body).toMatchObject({
        appended: 0,
        duplicates: 1,
      });
      expect((await pass.runOnce()).wms).toMatchObject({ appended: 0 });
    } finally {
      await wms.close();
    }
  });

  it('announces tracker progress the carrier never sent, and stops at nothing new', async () => {
    const { number, tenant } = await demoOrder(fixture.client);
    const carrier = await startCarrierEmulator({ exceptionRate: 0, tickMs: 60_000, logger });
    try {
      const client = new CarrierClient(
        parseCarrierConfig({ url: carrier.url, apiKey: carrier.apiKey }, { mode: 'demo' }),
        {
          logger,
        },
      );
      const pass = reconciler({ carrier: client, now: () => new Date(carrier.clock.now()) });
      await pass.runOnce();
      const address = { name: 'A', company: null, street2: null, phone: null, email: null, country: 'US' };
      const seeded = carrier.seedShipment({
        reference: number,
        from: { ...address, street1: '233 S Wacker Dr', city: 'Chicago', state: 'IL', postalCode: '60606' },
        to: { ...address, street1: '400 Pine St', city: 'Seattle', state: 'WA', postalCode: '98101' },
        parcel: { weightOz: 20, lengthIn: 10, widthIn: 8, heightIn: 4 },
        carrier: 'USPS',
        service: 'Priority',
        purchasedAt: new Date(carrier.clock.now()).toISOString(),
      });
      expect((await pass.runOnce()).carrier).toMatchObject({ read: 1, appended: 1 });
      carrier.clock.advance(36 * 3600_000);
      expect((await pass.runOnce()).carrier).toMatchObject({ read: 1, appended: 1 });
      expect((await pass.runOnce()).carrier).toMatchObject({ read: 1, appended: 0, duplicates: 1 });
      const events = (await allEvents(log)).filter((e) => e.type === 'shipment.updated');
      expect(events.map((e) => [e.type, e.source, e.subject, e.tenantPartnerId, e.data.orderNumber])).toEqual(
        [
          ['shipment.updated', 'reconciliation', seeded.trackingCode, tenant, number],
          ['shipment.updated', 'reconciliation', seeded.trackingCode, tenant, number],
        ],
      );
    } finally {
      await carrier.close();
    }
  });
});
