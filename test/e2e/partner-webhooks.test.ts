/**
 * Issue 6 end to end: partners register webhook endpoints through the gateway; an order confirmed in
 * Odoo reaches the events service by Odoo's own (unsigned) automation webhook, is read back, appended,
 * and delivered to the order's partner only, signed in the Standard Webhooks format. With every Odoo
 * webhook dropped, the reconciliation pass still turns the change into the same delivery.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { OdooClient, odooConfigSchema } from '../../connectors/odoo/index.js';
import { DEMO_PARTNER1_API_KEY, DEMO_PARTNER2_API_KEY } from '../../gateway/auth/demo-api-keys.js';
import { createLogger } from '../../platform/logger.js';
import { connectRedis, type RedisClient } from '../../platform/redis.js';
import { startEmbeddedStack, type EmbeddedStack } from '../../stack/embedded-stack.js';
import { post } from '../gateway/support/gateway-client.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = createLogger({ name: 'e2e-partner-webhooks', level: 'silent' });

const REGISTER = `mutation Register($input: RegisterWebhookEndpointInput!) {
  registerWebhookEndpoint(input: $input) {
    __typename
    ... on WebhookEndpointRegistered { signingSecret endpoint { id url status } }
    ... on WebhookRefused { code message }
  }
}`;

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A partner's endpoint on loopback, recording what it is sent and answering 204. */
async function startEndpoint(): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks`, received, server };
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('partner webhooks through the whole product', () => {
  let stack: EmbeddedStack;
  let odoo: OdooClient;
  let redis: RedisClient;
  const stream = `test-e2e-hooks-${randomUUID()}`;
  const endpoints: { url: string; received: Received[]; server: Server; secret: string }[] = [];

  beforeAll(async () => {
    stack = await startEmbeddedStack({
      logger,
      redisUrl: REDIS_URL,
      eventStream: stream,
      reconcile: { autoStart: false },
    });
    redis = await connectRedis({ url: REDIS_URL, logger });
    odoo = new OdooClient({
      config: odooConfigSchema.parse({
        url: stack.odoo.url,
        apiKey: stack.odoo.apiKey,
        database: stack.odoo.database,
        login: stack.odoo.login,
      }),
      logger,
    });
    for (const key of [DEMO_PARTNER1_API_KEY, DEMO_PARTNER2_API_KEY]) {
      const endpoint = await startEndpoint();
      const answer = await post(
        stack.gateway.url,
        REGISTER,
        { authorization: `Bearer ${key}` },
        {
          input: { url: endpoint.url, eventTypes: ['ORDER_STATUS_CHANGED'], description: 'e2e' },
        },
      );
      const result = answer.body.data.registerWebhookEndpoint;
      expect(result).toMatchObject({
        __typename: 'WebhookEndpointRegistered',
        endpoint: { status: 'ACTIVE' },
      });
      endpoints.push({ ...endpoint, secret: result.signingSecret });
    }
  });

  afterEach(() => {
    for (const endpoint of endpoints) endpoint.received.length = 0;
  });

  afterAll(async () => {
    await stack?.close();
    await Promise.all(endpoints.map((e) => new Promise((resolve) => e.server.close(resolve))));
    if (redis) {
      const keys = [stream];
      for await (const batch of redis.scanIterator({ MATCH: `${stream}:*`, COUNT: 1000 }))
        keys.push(...batch);
      if (keys.length) await redis.del(keys);
      redis.destroy();
    }
  });

  /** A new quotation for the partner, confirmed in Odoo as a salesperson would. */
  async function confirmNewOrderFor(tenant: number): Promise<string> {
    const [product] = await odoo.searchRead('product.product', {
      domain: [['sale_ok', '=', true]],
      fields: ['name'],
      limit: 1,
    });
    const [id] = await odoo.create('sale.order', [
      {
        partner_id: tenant,
        order_line: [[0, 0, { product_id: Number(product!.id), product_uom_qty: 2 }]],
      },
    ]);
    await odoo.callMethod('sale.order', 'action_confirm', { ids: [id!] });
    const [order] = await odoo.read('sale.order', [id!], ['name']);
    return String(order!.name);
  }

  it('delivers an Odoo order change to its partner only, signed in the Standard Webhooks format', async () => {
    const [partner1] = stack.demoPartners;
    const number = await confirmNewOrderFor(partner1!.tenantPartnerId);
    const [mine, theirs] = endpoints;

    // Creating the order and confirming it are two transactions, so Odoo may notify twice; the read-back
    // of the first may already see it confirmed. Either way the last delivery says CONFIRMED.
    const verified = () =>
      mine!.received.map(
        (delivery) =>
          new Webhook(mine!.secret).verify(delivery.body, delivery.headers as Record<string, string>) as {
            type: string;
            data: { orderNumber: string; status: string };
          },
      );
    await until(
      () => verified().some((p) => p.data.status === 'CONFIRMED'),
      10_000,
      'a CONFIRMED delivery to the partner',
    );
    expect(verified().at(-1)).toMatchObject({
      type: 'order.status_changed',
      data: { orderNumber: number, status: 'CONFIRMED' },
    });
    const delivery = mine!.received.at(-1)!;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(theirs!.received).toEqual([]);
    expect(() =>
      new Webhook(theirs!.secret).verify(delivery.body, delivery.headers as Record<string, string>),
    ).toThrow();
  });

  it('still delivers when Odoo drops every webhook: the reconciliation pass finds the change', async () => {
    const [partner1] = stack.demoPartners;
    await stack.events!.reconciler?.runOnce();
    stack.odoo.emulator.faults.configure({ webhookDropRate: 1 });
    try {
      const number = await confirmNewOrderFor(partner1!.tenantPartnerId);
      const [mine] = endpoints;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(mine!.received).toEqual([]);

      await stack.events!.reconciler!.runOnce();
      await until(() => mine!.received.length > 0, 10_000, 'a delivery after reconciliation');
      const payload = new Webhook(mine!.secret).verify(
        mine!.received[0]!.body,
        mine!.received[0]!.headers as Record<string, string>,
      ) as { data: { orderNumber: string } };
      expect(payload.data.orderNumber).toBe(number);
    } finally {
      stack.odoo.emulator.faults.configure({ webhookDropRate: 0 });
    }
  });
});
