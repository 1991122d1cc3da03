/**
 * Webhooks end to end: registered through the connector, sent by the emulator when orders and stock move,
 * received by a local HTTP server and verified by `verifyWmsWebhook`; refusals of tampered, wrongly keyed or
 * unidentified deliveries; retries after a failing receiver; and the emulator's webhook faults.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { signWmsWebhook, verifyWmsWebhook, type WmsClient } from '../../../connectors/wms/index.js';
import { SHIP_TO, startReceiver, startWmsHarness, type Receiver, type WmsHarness } from './harness.js';

function headersOf(delivery: Receiver['received'][number]) {
  return {
    hmac: delivery.headers['x-shiphero-hmac-sha256'] as string | undefined,
    messageId: delivery.headers['x-shiphero-message-id'] as string | undefined,
  };
}

describe('WMS webhooks', () => {
  let h: WmsHarness;
  let receiver: Receiver;
  let client: WmsClient;
  let secret: string;
  let allocatedSecret: string;

  beforeAll(async () => {
    h = await startWmsHarness();
    client = h.clientWith().client;
  });
  beforeEach(async () => {
    receiver = await startReceiver();
    ({ sharedSignatureSecret: secret } = await client.createWebhook({
      type: 'Shipment Update',
      url: receiver.url,
    }));
    ({ sharedSignatureSecret: allocatedSecret } = await client.createWebhook({
      type: 'Order Allocated',
      url: receiver.url,
    }));
  });
  afterEach(async () => {
    await client.deleteWebhook({ type: 'Shipment Update' });
    await client.deleteWebhook({ type: 'Order Allocated' });
    await h.admin('DELETE', 'faults');
    await h.wms.emulator.dispatcher.flush();
    await receiver.close();
  });
  afterAll(() => h.close());

  it('registers webhooks once per name and deletes them idempotently', async () => {
    await expect(client.createWebhook({ type: 'Shipment Update', url: receiver.url })).rejects.toMatchObject({
      code: 'WMS_VALIDATION',
      messages: ['A webhook named Shipment Update already exists; delete it first'],
    });
    await client.deleteWebhook({ type: 'Order Canceled' });
    expect(
      h.wms.emulator
        .webhooks()
        .map((w) => w.name)
        .sort(),
    ).toEqual(['Order Allocated', 'Shipment Update']);
  });

  it('delivers signed Order Allocated and Shipment Update webhooks that verify with the shared secret', async () => {
    await client.createOrder({
      orderNumber: 'SO-W1',
      warehouseCode: 'CHI',
      shipTo: SHIP_TO,
      lines: [{ sku: 'SKU-A', quantity: 2 }],
    });
    await h.advance(1);
    await receiver.waitFor(1);
    const allocated = verifyWmsWebhook(
      receiver.received[0]!.body,
      headersOf(receiver.received[0]!),
      allocatedSecret,
    );
    expect(allocated).toMatchObject({
      type: 'Order Allocated',
      messageId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      payload: {
        order_number: 'SO-W1',
        warehouse_uuid: 'V2FyZWhvdXNlOjcyMTAx',
        line_items: [{ sku: 'SKU-A', quantity: 2 }],
      },
    });
    await h.advance(3);
    await receiver.waitFor(2);
    const shipped = verifyWmsWebhook(receiver.received[1]!.body, headersOf(receiver.received[1]!), secret);
    expect(shipped.type).toBe('Shipment Update');
    expect(shipped.payload).toMatchObject({
      fulfillment: {
        order_number: 'SO-W1',
        line_items: [{ sku: 'SKU-A', quantity: 2 }],
        packages: [
          { tracking_number: expect.stringMatching(/^1Z/), shipping_carrier: 'UPS', weight_in_oz: 32 },
        ],
      },
    });
  });

  it('refuses a tampered body, a wrong secret and a missing message id', async () => {
    await client.createOrder({
      orderNumber: 'SO-W2',
      warehouseCode: 'CHI',
      shipTo: SHIP_TO,
      lines: [{ sku: 'SKU-B', quantity: 1 }],
    });
    await h.advance(4);
    await receiver.waitFor(2);
    const delivery = receiver.received.find((d) => d.body.toString().includes('Shipment Update'))!;
    const headers = headersOf(delivery);
    expect(() => verifyWmsWebhook(delivery.body, headers, secret)).not.toThrow();
    const tampered = Buffer.from(delivery.body.toString().replace('SO-W2', 'SO-XX'));
    expect(() => verifyWmsWebhook(tampered, headers, secret)).toThrow(
      expect.objectContaining({ code: 'WMS_WEBHOOK_SIGNATURE' }),
    );
    expect(() => verifyWmsWebhook(delivery.body, headers, 'not-the-secret')).toThrow(
      expect.objectContaining({ code: 'WMS_WEBHOOK_SIGNATURE' }),
    );
    expect(() =>
      verifyWmsWebhook(delivery.body, { hmac: null, messageId: headers.messageId }, secret),
    ).toThrow(
      expect.objectContaining({ code: 'WMS_WEBHOOK_SIGNATURE', message: 'The webhook is not signed' }),
    );
    expect(() => verifyWmsWebhook(delivery.body, { hmac: headers.hmac, messageId: '' }, secret)).toThrow(
      expect.objectContaining({ code: 'WMS_WEBHOOK_MALFORMED' }),
    );
  });

  it('retries a delivery after the receiver fails, with the same message id', async () => {
    receiver.statuses.push(500, 503);
    await client.createOrder({
      orderNumber: 'SO-W3',
      warehouseCode: 'DAL',
      shipTo: SHIP_TO,
      lines: [{ sku: 'SKU-A', quantity: 1 }],
    });
    await h.advance(1);
    await receiver.waitFor(3);
    const ids = receiver.received.map((d) => headersOf(d).messageId);
    expect(new Set(ids).size).toBe(1);
    // The receiver answers before the dispatcher records the answer: wait (bounded) for the record.
    const recordOf = () => h.wms.emulator.dispatcher.deliveries().find((d) => d.messageId === ids[0]);
    for (let i = 0; i < 100 && !recordOf()?.delivered; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(recordOf()).toMatchObject({ attempts: 3, statuses: [500, 503, 200], delivered: true });
  });

  it('sends badly signed and malformed webhooks when those faults are set', async () => {
    await h.admin('POST', 'faults', { badSignature: true });
    await client.createOrder({
      orderNumber: 'SO-W4',
      warehouseCode: 'DAL',
      shipTo: SHIP_TO,
      lines: [{ sku: 'SKU-A', quantity: 1 }],
    });
    await h.advance(1);
    await receiver.waitFor(1);
    const first = receiver.received[0]!;
    expect(() => verifyWmsWebhook(first.body, headersOf(first), allocatedSecret)).toThrow(
      expect.objectContaining({ code: 'WMS_WEBHOOK_SIGNATURE' }),
    );
    await h.admin('POST', 'faults', { malformedWebhook: true });
    await h.advance(3);
    await receiver.waitFor(2);
    const second = receiver.received[1]!;
    expect(() => verifyWmsWebhook(second.body, headersOf(second), secret)).toThrow(
      expect.objectContaining({ code: 'WMS_WEBHOOK_MALFORMED' }),
    );
  });
});

describe('verifyWmsWebhook', () => {
  const secret = 'shared-secret';
  const sign = (body: string) => ({ hmac: signWmsWebhook(body, secret), messageId: 'm-1' });

  it('accepts ShipHero’s documented Inventory Update body and validates it', () => {
    const body = JSON.stringify({
      account_id: 7556,
      account_uuid: 'QWNjb3VudDo3NTU2',
      webhook_type: 'Inventory Update',
      inventory: [
        {
          sku: '100100',
          inventory: '37',
          backorder_quantity: '1',
          on_hand: '45',
          virtual: false,
          updated_warehouse: {
            warehouse_id: 13841,
            warehouse_uuid: 'V2FyZWhvdXNlOjEzODQx',
            identifier: 'CA',
            inventory: '35',
            on_hand: '40',
          },
        },
      ],
    });
    const delivery = verifyWmsWebhook(Buffer.from(body), sign(body), secret);
    expect(delivery).toMatchObject({
      messageId: 'm-1',
      type: 'Inventory Update',
      payload: { inventory: [{ sku: '100100', inventory: 37, on_hand: 45 }] },
    });
  });

  it('refuses a signed body of an unknown type or of the wrong shape', () => {
    for (const body of [
      JSON.stringify({ webhook_type: 'Tote Cleared' }),
      JSON.stringify({ webhook_type: 'Order Canceled', order_number: 5 }),
      '{"truncated":',
    ]) {
      expect(() => verifyWmsWebhook(body, sign(body), secret)).toThrow(
        expect.objectContaining({ code: 'WMS_WEBHOOK_MALFORMED' }),
      );
    }
  });

  it('signs as base64 HMAC-SHA256 of the raw body', () => {
    // echo -n '{"a":1}' | openssl dgst -sha256 -hmac shared-secret -binary | base64
    expect(signWmsWebhook('{"a":1}', secret)).toBe('ApTyJRE1uwsCmcd9Yc8FNw+tGMfVvJ3qBNK01BUneto=');
    expect(signWmsWebhook(Buffer.from('{"a":1}'), secret)).toBe(
      'ApTyJRE1uwsCmcd9Yc8FNw+tGMfVvJ3qBNK01BUneto=',
    );
  });
});
