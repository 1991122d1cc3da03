/**
 * Shared fixtures of the inbound-webhook and reconciliation tests: a real Redis (REDIS_URL) under a key
 * prefix of the test's own, the Odoo emulator with demo data and a client of it, the receiver on a
 * loopback node:http server, and an order flow that moves a sale order through statuses.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OdooClient, odooConfigSchema } from '../../connectors/odoo/index.js';
import { startOdooEmulator, type RunningOdooEmulator } from '../../connectors/odoo/emulator/server.js';
import type { WebhookRuleInput } from '../../connectors/odoo/emulator/webhooks.js';
import { createWebhookReceiver, type WebhookReceiverOptions } from '../../events/inbound/index.js';
import type { EventLog } from '../../platform/events/index.js';
import { type CanonicalEvent } from '../../platform/events/index.js';
import { createLogger } from '../../platform/logger.js';
import { connectRedis, type RedisClient } from '../../platform/redis.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const logger = createLogger({ name: 'events-inbound-test', level: 'silent' });

export const connect = (): Promise<RedisClient> => connectRedis({ url: REDIS_URL, logger });

/** A key prefix (and event stream) of one test's own. */
export const uniquePrefix = (): string => `test-inbound-${randomUUID()}`;

/** Deletes every key under `prefix`. */
export async function deleteKeys(redis: RedisClient, prefix: string): Promise<void> {
  const keys: string[] = [];
  for await (const batch of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) keys.push(...batch);
  if (keys.length > 0) await redis.del(keys);
}

/** Everything in the log, oldest first. */
export const allEvents = (log: EventLog): Promise<CanonicalEvent[]> => log.readAfter('0', { count: 1000 });

export interface OdooFixture {
  odoo: RunningOdooEmulator;
  client: OdooClient;
  close(): Promise<void>;
}

export async function startOdoo(webhooks: WebhookRuleInput[] = []): Promise<OdooFixture> {
  const odoo = await startOdooEmulator({ demo: true, webhooks, logger });
  const config = odooConfigSchema.parse({
    url: odoo.url,
    apiKey: odoo.apiKey,
    database: odoo.database,
    login: odoo.login,
    protocol: 'json2',
    retryInitialDelayMs: 5,
    retryMaxDelayMs: 20,
  });
  const client = new OdooClient({ config, logger });
  return { odoo, client, close: () => odoo.close() };
}

/** A rule that notifies `url` of every sale order change, as an operator would configure it in Odoo. */
export const orderRule = (url: string): WebhookRuleInput => ({
  name: 'Order changed',
  model: 'sale.order',
  trigger: 'on_create_or_write',
  url,
  fields: ['name', 'state', 'write_date'],
});

export interface ReceiverServer {
  url: string;
  /** Serves a receiver with other options from now on (e.g. once a webhook's secret is known). */
  configure(options: WebhookReceiverOptions): void;
  close(): Promise<void>;
}

/** The receiver on a loopback port of its own. */
export async function startReceiver(options: WebhookReceiverOptions): Promise<ReceiverServer> {
  let handler = createWebhookReceiver(options);
  const server: Server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    configure: (next) => {
      handler = createWebhookReceiver(next);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export async function post(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: response.status, body: await response.json() };
}

/** The number of an order of the demo data and its tenant, for events about orders the WMS or carrier know. */
export async function demoOrder(client: OdooClient): Promise<{ number: string; tenant: number }> {
  const [order] = await client.searchRead('sale.order', {
    domain: [['partner_id', '!=', false]],
    fields: ['name', 'partner_id'],
    limit: 1,
  });
  const [partner] = await client.read('res.partner', [order!.partner_id!.id], ['parent_id']);
  return { number: order!.name!, tenant: partner?.parent_id?.id ?? order!.partner_id!.id };
}

/** A contact person of a customer company: orders for it belong to the company (the tenant). */
export async function customerContact(client: OdooClient): Promise<{ contactId: number; companyId: number }> {
  const [contact] = await client.searchRead('res.partner', {
    domain: [
      ['parent_id', '!=', false],
      ['parent_id.customer_rank', '>', 0],
    ],
    fields: ['parent_id'],
    limit: 1,
  });
  if (!contact?.parent_id) throw new Error('the demo data has no customer contact');
  return { contactId: contact.id, companyId: contact.parent_id.id };
}

/** A new draft order; `send` and `cancel` move it to QUOTATION_SENT and CANCELLED. */
export async function newOrder(client: OdooClient, partnerId: number) {
  const [id] = await client.create('sale.order', [{ partner_id: partnerId }]);
  const [order] = await client.read('sale.order', [id!], ['name']);
  return {
    id: id!,
    number: order!.name!,
    send: () => client.callMethod('sale.order', 'action_quotation_sent', { ids: [id!] }),
    cancel: () =>
      client.callMethod('sale.order', 'action_cancel', {
        ids: [id!],
        // Without it Odoo answers the confirmation wizard instead of cancelling a sent quotation.
        context: { disable_cancel_warning: true },
      }),
  };
}
