/**
 * The events process inside the embedded stack: the events service on loopback, and the three emulators
 * told to send their webhooks to it, as an operator would configure the real systems (a carrier webhook
 * with a secret, a WMS webhook per type, an Odoo automation rule posting order changes with a token).
 */
import { randomBytes } from 'node:crypto';
import type { CarrierClient } from '../connectors/carrier/index.js';
import type { RunningOdooEmulator } from '../connectors/odoo/emulator/server.js';
import type { OdooClient } from '../connectors/odoo/client.js';
import { WMS_WEBHOOK_TYPES, type WmsClient } from '../connectors/wms/index.js';
import { warehouseCodes } from '../events/inbound/wms-events.js';
import {
  startEventsService,
  type EventsServiceOptions,
  type RunningEventsService,
} from '../events/service.js';
import type { Logger } from '../platform/logger.js';
import { EventLog } from '../platform/events/event-log.js';
import { connectRedis } from '../platform/redis.js';
import { PartnerWebhooks } from '../platform/webhooks/index.js';

export interface EmbeddedEventsOptions {
  redisUrl: string;
  stream?: string;
  odoo: OdooClient;
  odooEmulator: RunningOdooEmulator;
  wms: WmsClient;
  wmsWarehouses: Record<string, string>;
  carrier: CarrierClient;
  reconcile?: EventsServiceOptions['reconcile'];
  /** The entity cache's namespace, which events evict from (default `dg:cache`). */
  cacheNamespace?: string;
  /** The gateway response cache's namespace. */
  responseCacheNamespace?: string;
  logger: Logger;
  host: string;
  port?: number;
}

export interface EmbeddedEvents {
  service: RunningEventsService;
  /** Endpoint registration and replay, for the access subgraph. */
  webhooks: PartnerWebhooks;
  close(): Promise<void>;
}

/** The fields an Odoo automation rule sends with each order change (a hint: the record is read back). */
const ODOO_ORDER_FIELDS = ['name', 'state', 'write_date'];

export async function startEmbeddedEvents(options: EmbeddedEventsOptions): Promise<EmbeddedEvents> {
  const { logger } = options;
  const redis = await connectRedis({ url: options.redisUrl, logger: logger.child({ part: 'redis' }) });
  try {
    const secrets = {
      carrier: randomBytes(24).toString('base64url'),
      odooToken: randomBytes(24).toString('base64url'),
      wms: [] as string[],
    };
    // Webhook keys live beside the stream, so a test's stream brings its own endpoints and queue.
    const namespace = options.stream ? `${options.stream}:dg` : 'dg';
    const service = await startEventsService({
      redis,
      ...(options.stream ? { stream: options.stream } : {}),
      odoo: options.odoo,
      wms: options.wms,
      carrier: options.carrier,
      secrets,
      warehouseCodeOf: warehouseCodes(options.wmsWarehouses),
      ...(options.reconcile !== undefined ? { reconcile: options.reconcile } : {}),
      ...(options.cacheNamespace ? { cacheNamespace: options.cacheNamespace } : {}),
      ...(options.responseCacheNamespace ? { responseCacheNamespace: options.responseCacheNamespace } : {}),
      partnerWebhooks: { redisUrl: options.redisUrl, mode: 'demo', namespace },
      logger,
      host: options.host,
      port: options.port ?? 0,
    });
    // The WMS gives every webhook a secret of its own, known once it is created; the service reads the
    // list it was given at each delivery, so the secrets added here count from now on.
    for (const type of WMS_WEBHOOK_TYPES) {
      await options.wms.deleteWebhook({ type });
      const created = await options.wms.createWebhook({ type, url: `${service.url}/webhooks/wms` });
      secrets.wms.push(created.sharedSignatureSecret);
    }
    await options.carrier.createWebhook({ url: `${service.url}/webhooks/carrier`, secret: secrets.carrier });
    // Beside any rules the emulator was started with (ODOO_EMULATOR_WEBHOOKS), which keep their ids.
    const odooRules = options.odooEmulator.emulator.webhooks;
    const existing = odooRules.getRules();
    odooRules.setRules([
      ...existing,
      {
        id: Math.max(0, ...existing.map((rule) => rule.id)) + 1,
        name: 'Distribution Graph: order changed',
        model: 'sale.order',
        trigger: 'on_create_or_write',
        url: `${service.url}/webhooks/odoo?token=${secrets.odooToken}`,
        fields: ODOO_ORDER_FIELDS,
      },
    ]);
    const webhooks = new PartnerWebhooks({
      redis,
      redisUrl: options.redisUrl,
      events: new EventLog({ redis, ...(options.stream ? { stream: options.stream } : {}) }),
      mode: 'demo',
      namespace,
      logger: logger.child({ part: 'webhooks' }),
    });
    return {
      service,
      webhooks,
      close: async () => {
        odooRules.setRules(existing);
        await webhooks.close();
        await service.close();
        redis.destroy();
      },
    };
  } catch (error) {
    redis.destroy();
    throw error;
  }
}
