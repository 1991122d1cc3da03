import { afterEach, describe, expect, it } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import {
  append,
  internalOwner,
  orderEvent,
  partnerOwner,
  startReceiver,
  startWebhooks,
  waitFor,
  type Receiver,
  type WebhooksFixture,
} from './webhook-support.js';

let fixture: WebhooksFixture | undefined;
const receivers: Receiver[] = [];

async function receiver(status?: (n: number) => number): Promise<Receiver> {
  const started = await startReceiver(status);
  receivers.push(started);
  return started;
}

afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

describe('partner webhook deliveries', () => {
  it('signs each delivery the Standard Webhooks way: the official library verifies it', async () => {
    fixture = await startWebhooks();
    const endpoint = await receiver();
    const { secret } = await fixture.service.register(partnerOwner(7), {
      url: endpoint.url,
      eventTypes: ['order.status_changed'],
    });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const id = await append(fixture.events, orderEvent(1));
    await waitFor(() => endpoint.requests.length === 1);
    const [request] = endpoint.requests;
    expect(request!.headers['webhook-id']).toBe(id);
    expect(request!.headers['content-type']).toBe('application/json');
    const verified = new Webhook(secret).verify(request!.body, request!.headers as Record<string, string>);
    expect(verified).toEqual({
      id,
      type: 'order.status_changed',
      source: 'odoo',
      subject: 'SO1',
      time: '2026-01-02T03:04:05.000Z',
      tenantPartnerId: 7,
      data: { orderNumber: 'SO1', status: 'CONFIRMED', previousStatus: null },
    });
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(
        request!.body,
        request!.headers as Record<string, string>,
      ),
    ).toThrow();
  });

  it('retries an endpoint that fails for a while until it has every event, then replays what is asked', async () => {
    fixture = await startWebhooks();
    const endpoint = await receiver((n) => (n <= 4 ? 503 : 200));
    const owner = partnerOwner(7);
    const { endpoint: registered } = await fixture.service.register(owner, {
      url: endpoint.url,
      eventTypes: ['order.status_changed'],
    });
    const ids = [];
    for (let n = 1; n <= 3; n++) ids.push(await append(fixture.events, orderEvent(n)));
    await waitFor(() => new Set(endpoint.eventIds()).size === 3 && endpoint.requests.length >= 7);
    await new Promise((resolve) => setTimeout(resolve, 200)); // nothing more may come
    const delivered = endpoint.requests
      .filter((_, i) => i >= 4)
      .map((r) => (JSON.parse(r.body) as { id: string }).id);
    expect(delivered.sort()).toEqual([...ids].sort()); // each once after recovery, none twice
    const log = await fixture.service.deliveries(owner, registered.id, 100);
    expect(
      log
        .filter((a) => a.outcome === 'delivered')
        .map((a) => a.eventId)
        .sort(),
    ).toEqual([...ids].sort());
    expect(log.filter((a) => a.outcome === 'retrying')).toHaveLength(4);
    expect(log.every((a) => a.outcome !== 'retrying' || a.statusCode === 503)).toBe(true);

    endpoint.requests.length = 0;
    await expect(
      fixture.service.replay(owner, registered.id, { eventIds: [ids[1]!, '1-0'] }),
    ).resolves.toEqual({ enqueued: 1, ignoredEventIds: ['1-0'] });
    await waitFor(() => endpoint.requests.length === 1);
    expect(endpoint.eventIds()).toEqual([ids[1]]);

    await expect(
      fixture.service.replay(owner, registered.id, { from: new Date(Date.now() - 60_000) }),
    ).resolves.toEqual({ enqueued: 3, ignoredEventIds: [] });
    await waitFor(() => endpoint.requests.length === 4);
    expect(endpoint.eventIds().slice(1).sort()).toEqual([...ids].sort());
    const replayed = async () =>
      (await fixture!.service.deliveries(owner, registered.id, 100)).filter((a) => a.replay);
    await waitFor(async () => (await replayed()).length === 4); // the log is written once the answer is in
    expect((await replayed()).map((a) => [a.outcome, a.attempt])).toEqual(Array(4).fill(['delivered', 1]));
  });

  it('disables an endpoint that answers 410 Gone and stops delivering to it', async () => {
    fixture = await startWebhooks();
    const endpoint = await receiver(() => 410);
    const owner = partnerOwner(7);
    const { endpoint: registered } = await fixture.service.register(owner, {
      url: endpoint.url,
      eventTypes: ['order.status_changed'],
    });
    await append(fixture.events, orderEvent(1));
    await waitFor(async () => (await fixture!.service.endpoint(owner, registered.id))?.status === 'disabled');
    await append(fixture.events, orderEvent(2));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(endpoint.requests).toHaveLength(1); // no retry, and nothing new queued
    await expect(fixture.service.endpoint(owner, registered.id)).resolves.toMatchObject({
      status: 'disabled',
      statusReason: 'answered 410 Gone',
    });
    const [attempt] = await fixture.service.deliveries(owner, registered.id, 10);
    expect(attempt).toMatchObject({ outcome: 'gone', statusCode: 410, attempt: 1 });
    await expect(fixture.service.replay(owner, registered.id, { from: new Date(0) })).rejects.toMatchObject({
      code: 'ENDPOINT_DISABLED',
    });
  });

  it('dead-letters a delivery after the last attempt and flags the endpoint failing; enabling restores it', async () => {
    fixture = await startWebhooks();
    const endpoint = await receiver(() => 500);
    const owner = partnerOwner(7);
    const { endpoint: registered } = await fixture.service.register(owner, {
      url: endpoint.url,
      eventTypes: ['order.status_changed'],
    });
    const id = await append(fixture.events, orderEvent(1));
    await waitFor(async () => (await fixture!.service.endpoint(owner, registered.id))?.status === 'failing');
    expect(endpoint.requests).toHaveLength(4); // the fast schedule's four attempts
    const log = await fixture.service.deliveries(owner, registered.id, 10);
    expect(log.map((a) => [a.attempt, a.outcome])).toEqual([
      [4, 'dead_lettered'],
      [3, 'retrying'],
      [2, 'retrying'],
      [1, 'retrying'],
    ]);
    const dead = await fixture.redis.xRange(`${fixture.namespace}:webhooks:dead`, '-', '+');
    expect(dead.map((d) => d.message)).toEqual([
      expect.objectContaining({
        endpointId: registered.id,
        eventId: id,
        attempts: '4',
        error: 'answered 500',
      }),
    ]);
    await expect(fixture.service.endpoint(owner, registered.id)).resolves.toMatchObject({
      statusReason: `delivery of event ${id} dead-lettered: answered 500`,
    });

    await append(fixture.events, orderEvent(2)); // not queued while failing
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(endpoint.requests).toHaveLength(4);
    await expect(fixture.service.enable(owner, registered.id)).resolves.toMatchObject({
      status: 'active',
      statusReason: null,
    });
  });

  it('does not follow redirects: a 3xx is a failed attempt', async () => {
    fixture = await startWebhooks();
    const endpoint = await receiver((n) => (n === 1 ? 302 : 200));
    const owner = partnerOwner(7);
    const { endpoint: registered } = await fixture.service.register(owner, {
      url: endpoint.url,
      eventTypes: ['order.status_changed'],
    });
    await append(fixture.events, orderEvent(1));
    await waitFor(() => endpoint.requests.length === 2);
    const log = await fixture.service.deliveries(owner, registered.id, 10);
    expect(log.map((a) => [a.outcome, a.statusCode, a.error])).toEqual([
      ['delivered', 200, null],
      ['retrying', 302, 'answered 302 (redirects are not followed)'],
    ]);
  });

  it('gives up on an endpoint that does not answer in time and tries again', async () => {
    fixture = await startWebhooks({ deliveryTimeoutMs: 150 });
    const endpoint = await receiver((n) => (n === 1 ? 0 : 200));
    const owner = partnerOwner(7);
    const { endpoint: registered } = await fixture.service.register(owner, {
      url: endpoint.url,
      eventTypes: ['order.status_changed'],
    });
    await append(fixture.events, orderEvent(1));
    await waitFor(async () => (await fixture!.service.deliveries(owner, registered.id, 10)).length === 2);
    const log = await fixture.service.deliveries(owner, registered.id, 10);
    expect(log.map((a) => [a.outcome, a.statusCode, a.error])).toEqual([
      ['delivered', 200, null],
      ['retrying', null, 'timed out'],
    ]);
    expect(log[1]!.durationMs).toBeGreaterThanOrEqual(140);
  });

  it('checks the address again at each delivery: a loopback endpoint is refused when loopback is not allowed', async () => {
    fixture = await startWebhooks({ allowLoopback: false });
    const endpoint = await receiver();
    const owner = partnerOwner(7);
    const { endpoint: registered } = await fixture.service.register(owner, {
      url: endpoint.url,
      eventTypes: ['order.status_changed'],
    });
    await append(fixture.events, orderEvent(1));
    await waitFor(async () => (await fixture!.service.endpoint(owner, registered.id))?.status === 'failing');
    expect(endpoint.requests).toHaveLength(0);
    const [last] = await fixture.service.deliveries(owner, registered.id, 1);
    expect(last).toMatchObject({
      outcome: 'dead_lettered',
      statusCode: null,
      error: expect.stringContaining('127.0.0.1'),
    });
  });

  it("never sends a partner another tenant's events; internal endpoints get every tenant's and tenant-less ones", async () => {
    fixture = await startWebhooks();
    const [seven, eight, internal] = [await receiver(), await receiver(), await receiver()];
    const types = ['order.status_changed' as const, 'stock.changed' as const];
    const { endpoint: ofSeven } = await fixture.service.register(partnerOwner(7), {
      url: seven.url,
      eventTypes: ['order.status_changed'],
    });
    await fixture.service.register(partnerOwner(8), { url: eight.url, eventTypes: ['order.status_changed'] });
    await fixture.service.register(internalOwner, { url: internal.url, eventTypes: types });
    const of7 = await append(fixture.events, orderEvent(1, 7));
    const of8 = await append(fixture.events, orderEvent(2, 8));
    const ofNone = await append(fixture.events, orderEvent(3, null));
    const stock = await append(fixture.events, {
      type: 'stock.changed',
      source: 'wms',
      subject: 'SKU-1@WH1',
      time: '2026-01-02T03:04:05.000Z',
      tenantPartnerId: null,
      data: { sku: 'SKU-1', warehouseCode: 'WH1', available: 1, onHand: 2 },
    });
    await waitFor(() => internal.requests.length === 4);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seven.eventIds()).toEqual([of7]);
    expect(eight.eventIds()).toEqual([of8]);
    expect(internal.eventIds().sort()).toEqual([of7, of8, ofNone, stock].sort());
    // Nor through a replay: another tenant's events are not for this endpoint.
    await expect(
      fixture.service.replay(partnerOwner(7), ofSeven.id, { eventIds: [of8, ofNone, stock] }),
    ).resolves.toEqual({ enqueued: 0, ignoredEventIds: [of8, ofNone, stock] });
    await expect(
      fixture.service.replay(partnerOwner(7), ofSeven.id, { from: new Date(Date.now() - 60_000) }),
    ).resolves.toEqual({ enqueued: 1, ignoredEventIds: [] });
    await waitFor(() => seven.requests.length === 2);
    expect(seven.eventIds()).toEqual([of7, of7]);
  });
});
