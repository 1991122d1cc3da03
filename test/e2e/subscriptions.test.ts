/**
 * Issue 6: subscriptions through the gateway over graphql-ws, served by the subgraphs that own them from
 * the event log in a real Redis. A shipment event is expanded with its order's customer and lines from
 * the orders subgraph; a subscriber that went away resumes with `after` and gets exactly what it missed,
 * then live events; partners get only their own tenant's events.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { OdooClient, odooConfigSchema } from '../../connectors/odoo/index.js';
import {
  DEMO_INTERNAL_API_KEY,
  DEMO_PARTNER1_API_KEY,
  DEMO_PARTNER2_API_KEY,
} from '../../gateway/auth/demo-api-keys.js';
import type { NewEvent } from '../../platform/events/canonical-event.js';
import { EventLog } from '../../platform/events/event-log.js';
import { createLogger } from '../../platform/logger.js';
import { connectRedis, type RedisClient } from '../../platform/redis.js';
import { startEmbeddedStack, type EmbeddedStack } from '../../stack/embedded-stack.js';
import { openSubscription } from '../support/live-subscription.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = createLogger({ name: 'e2e-subscriptions', level: 'silent' });

const SHIPMENTS = `subscription Shipments($after: ID, $orderNumbers: [String!]) {
  shipmentUpdated(after: $after, orderNumbers: $orderNumbers) {
    eventId trackingNumber status
    order { number customer { name } lines { product { sku } quantity { value } } }
  }
}`;
const ORDER_STATUS = `subscription Status($after: ID) {
  orderStatusChanged(after: $after) { eventId orderNumber status previousStatus order { number status } }
}`;

const key = (apiKey: string) => ({ authorization: `Bearer ${apiKey}` });

describe('subscriptions through the gateway', () => {
  let stack: EmbeddedStack;
  let redis: RedisClient;
  let log: EventLog;
  const stream = `test-e2e-events-${randomUUID()}`;
  /** One order of each demo partner: [number, tenant, customer name]. */
  let orderOf: { number: string; tenant: number; customer: string }[];

  beforeAll(async () => {
    stack = await startEmbeddedStack({ logger, redisUrl: REDIS_URL, eventStream: stream, reconcile: false });
    redis = await connectRedis({ url: REDIS_URL, logger });
    log = new EventLog({ redis, stream });
    const odoo = new OdooClient({
      config: odooConfigSchema.parse({
        url: stack.odoo.url,
        apiKey: stack.odoo.apiKey,
        database: stack.odoo.database,
        login: stack.odoo.login,
      }),
      logger,
    });
    orderOf = [];
    for (const partner of stack.demoPartners) {
      const [order] = await odoo.searchRead('sale.order', {
        domain: [
          ['partner_id', '=', partner.tenantPartnerId],
          ['state', '=', 'sale'],
        ],
        fields: ['name'],
        order: 'id',
        limit: 1,
      });
      orderOf.push({ number: String(order!.name), tenant: partner.tenantPartnerId, customer: partner.name });
    }
  });

  afterAll(async () => {
    await stack?.close();
    if (redis) {
      const keys = [stream];
      for await (const batch of redis.scanIterator({ MATCH: `${stream}:*` })) keys.push(...batch);
      await redis.del(keys);
      redis.destroy();
    }
  });

  const shipmentEvent = (order: { number: string; tenant: number }, n: number): NewEvent => ({
    type: 'shipment.updated',
    source: 'carrier',
    subject: `TRK-${order.number}-${n}`,
    time: new Date(Date.UTC(2026, 10, 26, 10, n)).toISOString(),
    tenantPartnerId: order.tenant,
    data: {
      trackingNumber: `TRK-${order.number}-${n}`,
      carrier: 'UPS',
      status: 'IN_TRANSIT',
      estimatedDeliveryAt: null,
      orderNumber: order.number,
      lastEvent: null,
    },
  });
  const append = async (event: NewEvent) =>
    (await log.append(event, { dedupKey: `${event.subject}:${event.time}` })).id;

  it('delivers a shipment event with its order’s customer and lines from the orders subgraph', async () => {
    const [mine] = orderOf;
    const after = await log.latestId();
    const sub = openSubscription(stack.gateway.url, SHIPMENTS, key(DEMO_PARTNER1_API_KEY), { after });
    try {
      const id = await append(shipmentEvent(mine!, 1));
      const [result] = await sub.until(1);
      expect(result.errors).toBeUndefined();
      const update = result.data.shipmentUpdated;
      expect(update).toMatchObject({
        eventId: id,
        trackingNumber: `TRK-${mine!.number}-1`,
        status: 'IN_TRANSIT',
        order: { number: mine!.number, customer: { name: mine!.customer } },
      });
      expect(update.order.lines.length).toBeGreaterThan(0);
      expect(update.order.lines[0].product.sku).toEqual(expect.any(String));
    } finally {
      await sub.dispose();
    }
  });

  it('turns a signed carrier webhook into an event a partner’s subscriber gets, with its order', async () => {
    const [mine] = orderOf;
    const carrier = stack.carrier.emulator;
    const label = carrier.seedShipment({
      reference: mine!.number,
      from: {
        name: 'Warehouse',
        company: null,
        street2: null,
        street1: '1 Dock Rd',
        city: 'Chicago',
        state: 'IL',
        postalCode: '60601',
        country: 'US',
        phone: null,
        email: null,
      },
      to: {
        name: mine!.customer,
        company: null,
        street2: null,
        street1: '100 Main St',
        city: 'Dallas',
        state: 'TX',
        postalCode: '75201',
        country: 'US',
        phone: null,
        email: null,
      },
      parcel: { weightOz: 40, lengthIn: 12, widthIn: 10, heightIn: 8 },
      carrier: 'UPS',
      service: 'Ground',
      // Bought yesterday, so it is on its way: scans follow every few hours.
      purchasedAt: new Date(carrier.now() - 30 * 60 * 60 * 1000).toISOString(),
    });
    const after = await log.latestId();
    const sub = openSubscription(stack.gateway.url, SHIPMENTS, key(DEMO_PARTNER1_API_KEY), {
      after,
      orderNumbers: [mine!.number],
    });
    try {
      // Hours on, the parcel has been scanned again: the emulator signs and posts `tracker.updated`.
      // (Its route is random; move on three hours at a time, staying within the receiver's 24 h window.)
      for (let hours = 3; hours <= 18 && sub.results.length === 0; hours += 3) {
        carrier.clock.advance(3 * 60 * 60 * 1000);
        await sub.until(1, 2500).catch(() => undefined);
      }
      const [result] = await sub.until(1);
      expect(result.errors).toBeUndefined();
      expect(result.data.shipmentUpdated).toMatchObject({
        trackingNumber: label.trackingCode,
        order: { number: mine!.number, customer: { name: mine!.customer } },
      });
      expect(result.data.shipmentUpdated.status).not.toBe('LABEL_CREATED');
      expect(result.data.shipmentUpdated.order.lines.length).toBeGreaterThan(0);
      const [stored] = await log.readAfter(after, {
        filter: (event) => event.subject === label.trackingCode,
      });
      expect(stored).toMatchObject({ source: 'carrier', tenantPartnerId: mine!.tenant });
    } finally {
      await sub.dispose();
    }
  });

  it('resumes with `after`: exactly the missed events, in order, then live ones', async () => {
    const [mine] = orderOf;
    const filter = { orderNumbers: [mine!.number] };
    const start = await log.latestId();
    const first = openSubscription(stack.gateway.url, SHIPMENTS, key(DEMO_PARTNER1_API_KEY), {
      after: start,
      ...filter,
    });
    const seen = await append(shipmentEvent(mine!, 10));
    await first.until(1);
    await first.dispose();

    const missed = [];
    for (let n = 11; n <= 13; n += 1) missed.push(await append(shipmentEvent(mine!, n)));
    const resumed = openSubscription(stack.gateway.url, SHIPMENTS, key(DEMO_PARTNER1_API_KEY), {
      after: seen,
      ...filter,
    });
    try {
      await resumed.until(3);
      const live = await append(shipmentEvent(mine!, 14));
      await resumed.until(4);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(resumed.results.map((r) => r.data.shipmentUpdated.eventId)).toEqual([...missed, live]);
    } finally {
      await resumed.dispose();
    }
  });

  it('never gives a partner another tenant’s event; internal callers get both', async () => {
    const [one, two] = orderOf;
    const after = await log.latestId();
    const partner2 = openSubscription(stack.gateway.url, SHIPMENTS, key(DEMO_PARTNER2_API_KEY), { after });
    const internal = openSubscription(stack.gateway.url, SHIPMENTS, key(DEMO_INTERNAL_API_KEY), { after });
    const partner1Status = openSubscription(stack.gateway.url, ORDER_STATUS, key(DEMO_PARTNER1_API_KEY), {
      after,
    });
    try {
      await append(shipmentEvent(one!, 20));
      await append({
        type: 'order.status_changed',
        source: 'odoo',
        subject: two!.number,
        time: new Date().toISOString(),
        tenantPartnerId: two!.tenant,
        data: { orderNumber: two!.number, status: 'COMPLETED', previousStatus: 'CONFIRMED' },
      });
      const theirs = await append(shipmentEvent(two!, 21));
      const ownStatus = await append({
        type: 'order.status_changed',
        source: 'odoo',
        subject: one!.number,
        time: new Date().toISOString(),
        tenantPartnerId: one!.tenant,
        data: { orderNumber: one!.number, status: 'CONFIRMED', previousStatus: 'DRAFT' },
      });

      await internal.until(2);
      await partner2.until(1);
      await partner1Status.until(1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(partner2.results.map((r) => r.data.shipmentUpdated.eventId)).toEqual([theirs]);
      expect(partner2.results[0].data.shipmentUpdated.order.customer.name).toBe(two!.customer);
      expect(internal.results.map((r) => r.data.shipmentUpdated.order.number)).toEqual([
        one!.number,
        two!.number,
      ]);
      expect(partner1Status.results).toEqual([
        {
          data: {
            orderStatusChanged: {
              eventId: ownStatus,
              orderNumber: one!.number,
              status: 'CONFIRMED',
              previousStatus: 'DRAFT',
              order: { number: one!.number, status: expect.any(String) },
            },
          },
        },
      ]);
    } finally {
      await Promise.all([partner2.dispose(), internal.dispose(), partner1Status.dispose()]);
    }
  });

  it('refuses a malformed or expired cursor with a typed error', async () => {
    const bad = openSubscription(stack.gateway.url, SHIPMENTS, key(DEMO_PARTNER1_API_KEY), {
      after: 'yesterday',
    });
    await bad.ended;
    expect(bad.results[0].errors[0].extensions.code).toBe('BAD_USER_INPUT');

    await redis.xTrim(stream, 'MAXLEN', 1);
    const expired = openSubscription(stack.gateway.url, SHIPMENTS, key(DEMO_PARTNER1_API_KEY), {
      after: '1-0',
    });
    await expired.ended;
    expect(expired.results[0].errors[0].extensions.code).toBe('EVENT_CURSOR_EXPIRED');
  });
});
