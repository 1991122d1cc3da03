/**
 * Tracker webhooks end to end: the emulator signs and delivers EasyPost Events to a local receiver,
 * retries failed deliveries, and the connector's verifier accepts exactly the genuine ones.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { signCarrierWebhook, verifyCarrierWebhook } from '../../../connectors/carrier/index.js';
import { BOX, CHICAGO, SEATTLE, T0, startCarrierFixture, type CarrierFixture } from './support.js';

interface Delivery {
  body: Buffer;
  signature: string | undefined;
}

const SECRET = 'wh-secret-ﬁ-ligature';

describe('carrier webhooks', () => {
  let f: CarrierFixture;
  let receiver: Server;
  let receiverUrl: string;
  const deliveries: Delivery[] = [];
  let failFirst = 0;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        deliveries.push({
          body: Buffer.concat(chunks),
          signature: req.headers['x-hmac-signature'] as string | undefined,
        });
        res.writeHead(failFirst-- > 0 ? 500 : 200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/carrier-events`;
    f = await startCarrierFixture({ webhooks: { attempts: 3, backoffMs: 20, timeoutMs: 1000 } });
    await f.client.createWebhook({ url: receiverUrl, secret: SECRET });
  });
  beforeEach(async () => {
    f.carrier.clock.set(T0);
    await f.admin('DELETE', 'faults');
    await f.carrier.emulator.webhooks.flush();
    deliveries.length = 0;
    failFirst = 0;
  });
  afterAll(async () => {
    await f.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  const buy = async () => {
    const { rates } = await f.client.quoteRates({
      from: CHICAGO,
      to: SEATTLE,
      parcel: BOX,
      reference: 'SO0077',
    });
    const rate = rates.find((r) => r.service === 'Priority')!;
    return f.client.buyRate(rate.carrierShipmentId, rate.id);
  };

  it('delivers signed tracker events that verify and map to the canonical shipment', async () => {
    const bought = await buy();
    await f.admin('POST', 'clock', { advanceMs: 60_000 });
    await f.carrier.emulator.webhooks.flush();
    const events = deliveries.map((d) => verifyCarrierWebhook(d.body, d.signature, SECRET));
    expect(events.map((e) => e.description)).toEqual(['tracker.created', 'tracker.updated']);
    const updated = events[1]!;
    expect(updated).toMatchObject({
      id: expect.stringMatching(/^evt_/),
      previousAttributes: { status: 'pre_transit' },
      createdAt: new Date(Date.parse(T0) + 60_000).toISOString(),
      shipment: { trackingNumber: bought.trackingNumber, carrier: 'USPS', status: 'IN_TRANSIT' },
    });
    expect(updated.shipment!.events.map((e) => e.status)).toEqual(['LABEL_CREATED', 'IN_TRANSIT']);
  });

  it('refuses a tampered body, a wrong secret and a missing signature', async () => {
    await buy();
    await f.carrier.emulator.webhooks.flush();
    const [{ body, signature }] = deliveries as [Delivery];
    const tampered = Buffer.from(body.toString('utf8').replace('"pre_transit"', '"delivered"'));
    expect(tampered.equals(body)).toBe(false);
    expect(() => verifyCarrierWebhook(tampered, signature, SECRET)).toThrow(
      expect.objectContaining({ code: 'CARRIER_WEBHOOK_SIGNATURE' }),
    );
    expect(() => verifyCarrierWebhook(body, signature, 'another-secret')).toThrow(
      expect.objectContaining({ code: 'CARRIER_WEBHOOK_SIGNATURE' }),
    );
    expect(() => verifyCarrierWebhook(body, undefined, SECRET)).toThrow(
      expect.objectContaining({ code: 'CARRIER_WEBHOOK_SIGNATURE' }),
    );
    // The secret is normalised NFKD on both sides: the composed ligature signs like "fi".
    expect(verifyCarrierWebhook(body, signature, 'wh-secret-fi-ligature').description).toBe(
      'tracker.created',
    );
  });

  it('flags deliveries the emulator signs with the wrong secret', async () => {
    await f.admin('POST', 'faults', { webhookBadSignature: true });
    await buy();
    await f.carrier.emulator.webhooks.flush();
    expect(deliveries).toHaveLength(1);
    expect(() => verifyCarrierWebhook(deliveries[0]!.body, deliveries[0]!.signature, SECRET)).toThrow(
      expect.objectContaining({ code: 'CARRIER_WEBHOOK_SIGNATURE' }),
    );
  });

  it('flags a correctly signed body that is not an Event as malformed', async () => {
    await f.admin('POST', 'faults', { webhookMalformed: true });
    await buy();
    await f.carrier.emulator.webhooks.flush();
    expect(() => verifyCarrierWebhook(deliveries[0]!.body, deliveries[0]!.signature, SECRET)).toThrow(
      expect.objectContaining({ code: 'CARRIER_WEBHOOK_MALFORMED' }),
    );
    const notATracker = JSON.stringify({
      id: 'evt_1',
      object: 'Event',
      description: 'tracker.updated',
      created_at: T0,
      result: { object: 'Tracker', id: 7 },
    });
    expect(() => verifyCarrierWebhook(notATracker, signCarrierWebhook(notATracker, SECRET), SECRET)).toThrow(
      expect.objectContaining({ code: 'CARRIER_WEBHOOK_MALFORMED' }),
    );
  });

  it('retries a failed delivery with backoff, so the event arrives at least once', async () => {
    failFirst = 2;
    await buy();
    await f.carrier.emulator.webhooks.flush();
    const ids = deliveries.map((d) => verifyCarrierWebhook(d.body, d.signature, SECRET).id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(1);
    const attempts = (await f.admin('GET', 'webhooks')).json.attempts.slice(-3);
    expect(attempts.map((a: { status: number }) => a.status)).toEqual([500, 500, 200]);
  });

  it('gives up after the configured attempts', async () => {
    failFirst = 10;
    await buy();
    await f.carrier.emulator.webhooks.flush();
    expect(deliveries).toHaveLength(3);
  });
});
