/**
 * The carrier connector against the emulated EasyPost API over real HTTP: every operation, the shapes
 * it maps into, and the number of calls the batch read costs (counted by the emulator).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { parcelTracking, scannedTrackerStatus } from '../../../connectors/carrier/map-shipment.js';
import { BOX, CHICAGO, SEATTLE, T0, startCarrierFixture, type CarrierFixture } from './support.js';

describe('carrier connector against the emulator', () => {
  let f: CarrierFixture;

  beforeAll(async () => {
    f = await startCarrierFixture();
  });
  beforeEach(async () => {
    f.carrier.clock.set(T0);
    await f.admin('DELETE', 'faults');
  });
  afterAll(() => f.close());

  const quote = () => f.client.quoteRates({ from: CHICAGO, to: SEATTLE, parcel: BOX, reference: 'SO0042' });

  it('lists the carrier accounts', async () => {
    const accounts = await f.client.carrierAccounts();
    expect(accounts.map((a) => [a.carrier, a.description])).toEqual([
      ['USPS', 'USPS Account'],
      ['UPS', 'UPS Account'],
      ['FedEx', 'FedEx Account'],
    ]);
    expect(accounts.every((a) => /^ca_[0-9a-f]{32}$/.test(a.id))).toBe(true);
  });

  it('quotes every service of three carriers for a 3.25 lb box from Chicago to Seattle', async () => {
    const { rates, failures } = await quote();
    expect(failures).toEqual([]);
    expect(rates.map((r) => `${r.carrier} ${r.service}`)).toEqual([
      'USPS GroundAdvantage',
      'USPS Priority',
      'USPS Express',
      'UPS Ground',
      'UPS 3DaySelect',
      'UPS 2ndDayAir',
      'UPS NextDayAir',
      'FedEx FEDEX_GROUND',
      'FedEx FEDEX_2_DAY',
      'FedEx STANDARD_OVERNIGHT',
    ]);
    const ground = rates.find((r) => r.service === 'GroundAdvantage')!;
    // Zone 7 (606 → 981), 4 lb: 4.75 + 3 × 0.55 + 6 × 0.38.
    expect(ground).toMatchObject({
      price: { amount: '8.68', currency: 'USD' },
      deliveryDays: 5,
      deliveryDate: '2025-03-08',
      deliveryDateGuaranteed: false,
    });
    expect(ground.carrierShipmentId).toMatch(/^shp_/);
    const overnight = rates.find((r) => r.service === 'STANDARD_OVERNIGHT')!;
    expect(overnight.deliveryDays).toBe(1);
    expect(Number(overnight.price.amount)).toBeGreaterThan(Number(ground.price.amount) * 3);
  });

  it('quotes the same prices for the same parcel every time, and more for a heavier one', async () => {
    const first = (await quote()).rates.map((r) => r.price.amount);
    const second = (await quote()).rates.map((r) => r.price.amount);
    expect(second).toEqual(first);
    const heavy = await f.client.quoteRates({
      from: CHICAGO,
      to: SEATTLE,
      parcel: { ...BOX, weightOz: 320 },
    });
    expect(heavy.rates.every((r, i) => Number(r.price.amount) > Number(first[i]))).toBe(true);
  });

  it('rates only the asked accounts', async () => {
    const accounts = await f.client.carrierAccounts();
    const ups = accounts.find((a) => a.carrier === 'UPS')!;
    const { rates } = await f.client.quoteRates({
      from: CHICAGO,
      to: SEATTLE,
      parcel: BOX,
      carrierAccountIds: [ups.id],
    });
    expect(new Set(rates.map((r) => r.carrierAccountId))).toEqual(new Set([ups.id]));
  });

  it('buys a rate: label, carrier-style tracking code, tracker', async () => {
    const { rates } = await quote();
    const rate = rates.find((r) => r.service === 'Ground')!;
    const shipment = await f.client.buyRate(rate.carrierShipmentId, rate.id);
    expect(shipment).toMatchObject({
      carrierShipmentId: rate.carrierShipmentId,
      carrier: 'UPS',
      service: 'Ground',
      status: 'LABEL_CREATED',
      reference: 'SO0042',
      postage: rate.price,
      createdAt: T0,
      label: { format: 'PDF', createdAt: T0 },
    });
    expect(shipment.trackingNumber).toMatch(/^1Z[A-Z0-9]{6}03\d{8}$/);
    expect(shipment.events).toEqual([
      {
        occurredAt: T0,
        status: 'LABEL_CREATED',
        message: 'Shipper created a label, UPS has not received the package yet.',
        location: { city: 'CHICAGO', state: 'IL', postalCode: '60606', country: 'US' },
      },
    ]);
    const pdf = await fetch(shipment.label!.url);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = Buffer.from(await pdf.arrayBuffer()).toString('latin1');
    expect(text.startsWith('%PDF-1.4')).toBe(true);
    expect(text).toContain(shipment.trackingNumber);
    expect(await f.client.shipment(rate.carrierShipmentId)).toEqual(shipment);
  });

  it('refuses to buy a rate twice, and returns the shipment when it is that rate already', async () => {
    const { rates } = await quote();
    const [usps, other] = [rates[0]!, rates[4]!];
    const bought = await f.client.buyRate(usps.carrierShipmentId, usps.id);
    f.carrier.calls.reset();
    await expect(f.client.buyRate(usps.carrierShipmentId, usps.id)).resolves.toEqual(bought);
    expect(f.carrier.calls.snapshot()).toEqual({
      'GET /v2/shipments/:id': 1,
      'POST /v2/shipments/:id/buy': 1,
    });
    await expect(f.client.buyRate(other.carrierShipmentId, other.id)).rejects.toMatchObject({
      code: 'CARRIER_VALIDATION',
      httpStatus: 422,
      apiCode: 'SHIPMENT.POSTAGE.EXISTS',
    });
  });

  it('refunds a UPS label at once, a USPS label once the refund is processed', async () => {
    const { rates } = await quote();
    const ups = rates.find((r) => r.carrier === 'UPS')!;
    await f.client.buyRate(ups.carrierShipmentId, ups.id);
    const voided = await f.client.refundShipment(ups.carrierShipmentId);
    expect(voided.status).toBe('CANCELLED');

    const again = (await quote()).rates.find((r) => r.carrier === 'USPS')!;
    await f.client.buyRate(again.carrierShipmentId, again.id);
    expect((await f.client.refundShipment(again.carrierShipmentId)).status).toBe('LABEL_CREATED');
    f.carrier.clock.advance(60_000);
    expect((await f.client.shipment(again.carrierShipmentId))?.status).toBe('CANCELLED');
  });

  it('answers null for a shipment that does not exist or was never bought', async () => {
    await expect(f.client.shipment('shp_00000000000000000000000000000000')).resolves.toBeNull();
    const { rates } = await quote();
    await expect(f.client.shipment(rates[0]!.carrierShipmentId)).resolves.toBeNull();
  });

  it('moves a tracker along as the emulator clock advances, scanning at hubs on the way', async () => {
    const newYork = {
      ...CHICAGO,
      street1: '350 5th Ave',
      city: 'New York',
      state: 'NY',
      postalCode: '10118',
    };
    const losAngeles = {
      ...SEATTLE,
      street1: '200 N Spring St',
      city: 'Los Angeles',
      state: 'CA',
      postalCode: '90012',
    };
    const { rates } = await f.client.quoteRates({ from: newYork, to: losAngeles, parcel: BOX });
    const rate = rates.find((r) => r.service === 'FEDEX_GROUND')!;
    const bought = await f.client.buyRate(rate.carrierShipmentId, rate.id);
    const seen: string[] = [];
    for (let step = 0; step < 12; step += 1) {
      const current = (await f.client.trackersByTrackingCodes([bought.trackingNumber])).get(
        bought.trackingNumber,
      )!;
      seen.push(current.status);
      expect(current.events).toHaveLength(Math.min(step + 1, current.events.length));
      f.carrier.clock.advance(60_000);
    }
    const distinct = seen.filter((status, i) => status !== seen[i - 1]);
    expect(distinct).toEqual(['LABEL_CREATED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED']);
    const done = (await f.client.trackersByTrackingCodes([bought.trackingNumber])).get(
      bought.trackingNumber,
    )!;
    expect(done.events.map((e) => e.location?.city)).toEqual([
      'NEW YORK',
      'NEW YORK',
      'DETROIT',
      'DETROIT',
      'SAINT LOUIS',
      'SAINT LOUIS',
      'DENVER',
      'DENVER',
      'LOS ANGELES',
      'LOS ANGELES',
      'LOS ANGELES',
    ]);
    expect(done.estimatedDeliveryAt).toBe(new Date(Date.parse(T0) + 10 * 60_000).toISOString());
  });

  it('reads the trackers of many codes in one call, plus one read per shipment they name', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const rate = (await quote()).rates[i * 4]!;
      codes.push((await f.client.buyRate(rate.carrierShipmentId, rate.id)).trackingNumber);
    }
    const bare = await f.client.createTracker({ trackingCode: 'EZ1000000001', carrier: 'USPS' });
    expect(bare).toMatchObject({
      carrierShipmentId: null,
      carrier: 'USPS',
      service: null,
      label: null,
      reference: null,
    });
    f.carrier.calls.reset();
    const found = await f.client.trackersByTrackingCodes([...codes, 'EZ1000000001', 'NOPE-404', codes[0]!]);
    expect([...found.keys()].sort()).toEqual([...codes, 'EZ1000000001'].sort());
    expect(f.carrier.calls.snapshot()).toEqual({ 'GET /v2/shipments/:id': 3, 'POST /v2/trackers/batch': 1 });
    expect(found.get(codes[0]!)).toMatchObject({
      reference: 'SO0042',
      service: 'GroundAdvantage',
      label: { format: 'PDF' },
    });
  });

  it('tells where parcels are from the trackers alone, reading a shipment only for an unscanned label', async () => {
    const buy = async (index: number) => {
      const rate = (await quote()).rates[index]!;
      return (await f.client.buyRate(rate.carrierShipmentId, rate.id)).trackingNumber;
    };
    const [usps, ups, fedex] = [await buy(0), await buy(3), await buy(7)];
    // UPS voids at once; a refund is possible only before the first scan.
    await f.client.refundShipment(
      (await f.client.trackersByTrackingCodes([ups])).get(ups)!.carrierShipmentId!,
    );
    f.carrier.clock.advance(120_000);
    const fresh = await buy(4);
    const codes = [usps, ups, fedex, fresh];
    f.carrier.calls.reset();
    const tracking = await f.client.trackingByTrackingCodes([...codes, 'NOPE-404']);
    // Scanned, cancelled: no read; the label bought just now may yet be refunded: one read.
    expect(f.carrier.calls.snapshot()).toEqual({ 'GET /v2/shipments/:id': 1, 'POST /v2/trackers/batch': 1 });
    expect(codes.map((code) => tracking.get(code)?.status)).toEqual([
      'IN_TRANSIT',
      'CANCELLED',
      'IN_TRANSIT',
      'LABEL_CREATED',
    ]);
    // The same answer as the full read, field for field.
    const full = await f.client.trackersByTrackingCodes(codes);
    expect(new Map([...full].map(([code, shipment]) => [code, parcelTracking(shipment)]))).toEqual(tracking);
  });

  it('counts only statuses a scan sets (or a cancellation) as final on a refund', () => {
    expect(
      [
        'pre_transit',
        'unknown',
        'error',
        'new_status',
        'in_transit',
        'Delivered',
        'failure',
        'cancelled',
      ].map(scannedTrackerStatus),
    ).toEqual([false, false, false, false, true, true, true, true]);
  });

  it('creates a tracker once per code and carrier', async () => {
    const first = await f.client.createTracker({ trackingCode: '9400100000000000000001', carrier: 'USPS' });
    const again = await f.client.createTracker({ trackingCode: '9400100000000000000001', carrier: 'USPS' });
    expect(again).toEqual(first);
    const listed = await fetch(
      `${f.carrier.url}/v2/trackers?tracking_code=9400100000000000000001&carrier=USPS`,
      {
        headers: { authorization: `Basic ${Buffer.from(`${f.carrier.apiKey}:`).toString('base64')}` },
      },
    );
    expect(((await listed.json()) as { trackers: unknown[] }).trackers).toHaveLength(1);
  });

  it('creates and deletes webhooks; deleting one already gone is fine', async () => {
    const { id } = await f.client.createWebhook({ url: 'http://127.0.0.1:9/hook', secret: 's3cret' });
    expect(id).toMatch(/^hook_/);
    await f.client.deleteWebhook(id);
    await expect(f.client.deleteWebhook(id)).resolves.toBeUndefined();
  });

  it('refuses bad input with CARRIER_VALIDATION and the fields at fault', async () => {
    const bad = { ...SEATTLE, postalCode: '9810', state: null };
    await expect(
      f.client.quoteRates({ from: CHICAGO, to: bad, parcel: { ...BOX, weightOz: 0 } }),
    ).rejects.toMatchObject({
      code: 'CARRIER_VALIDATION',
      httpStatus: 422,
      apiCode: 'SHIPMENT.INVALID_PARAMS',
      fieldErrors: [
        { field: 'shipment.to_address.zip', message: 'must be a 5-digit US ZIP code' },
        { field: 'shipment.to_address.state', message: 'is required for US addresses' },
        { field: 'shipment.parcel.weight', message: expect.any(String) },
      ],
    });
  });

  it('refuses a wrong API key with CARRIER_AUTHENTICATION, without retrying', async () => {
    const { client, events } = f.clientWith({ apiKey: 'wrong-key' });
    await expect(client.carrierAccounts()).rejects.toMatchObject({
      code: 'CARRIER_AUTHENTICATION',
      httpStatus: 401,
    });
    expect(events.map((e) => e.outcome)).toEqual(['CARRIER_AUTHENTICATION']);
  });

  it('seeds past shipments deterministically, mostly delivered', async () => {
    f.carrier.clock.set('2025-03-01T00:00:00Z');
    const input = {
      reference: 'SO0001',
      from: CHICAGO,
      to: SEATTLE,
      parcel: BOX,
      carrier: 'UPS',
      service: 'Ground',
      purchasedAt: '2025-02-10T16:00:00Z',
    };
    const seeded = f.carrier.seedShipment(input);
    expect(f.carrier.seedShipment(input)).toEqual(seeded);
    expect(seeded.trackingCode).toMatch(/^1Z/);
    const shipment = await f.client.shipment(seeded.carrierShipmentId);
    expect(shipment).toMatchObject({
      status: 'DELIVERED',
      reference: 'SO0001',
      carrier: 'UPS',
      service: 'Ground',
      createdAt: '2025-02-10T16:00:00.000Z',
    });
    const days =
      (Date.parse(shipment!.events.at(-1)!.occurredAt) - Date.parse(input.purchasedAt)) / 86_400_000;
    expect(days).toBeGreaterThan(3);
    expect(days).toBeLessThanOrEqual(5);
    const recent = f.carrier.seedShipment({
      ...input,
      reference: 'SO0002',
      purchasedAt: '2025-02-27T16:00:00Z',
    });
    expect((await f.client.shipment(recent.carrierShipmentId))?.status).toBe('IN_TRANSIT');
  });
});
