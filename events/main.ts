/**
 * `npm run start:events`: the events process on its own, for a real deployment. Webhooks in at
 * `/webhooks/odoo|wms|carrier`, reconciliation every RECONCILE_INTERVAL_MS, partner webhooks out. Odoo
 * from ODOO_*, the WMS from WMS_* (WMS_WEBHOOK_SECRET, one per webhook, comma-separated), the carrier from CARRIER_*
 * (CARRIER_WEBHOOK_SECRET); everything validated before anything starts.
 */
import { z } from 'zod';
import { CarrierClient, loadCarrierConfig } from '../connectors/carrier/index.js';
import { OdooClient } from '../connectors/odoo/client.js';
import { loadOdooConfig } from '../connectors/odoo/config.js';
import { loadWmsConfig, WmsClient } from '../connectors/wms/index.js';
import { printBanner } from '../platform/banner.js';
import { createLogger } from '../platform/logger.js';
import { connectRedis } from '../platform/redis.js';
import { runUntilSignal } from '../platform/run-until-signal.js';
import { warehouseCodes } from './inbound/wms-events.js';
import { DEFAULT_EVENTS_PORT, startEventsService } from './service.js';

const secret = z.string().min(16, 'must be at least 16 characters');

const eventsEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_EVENTS_PORT),
  HOST: z.string().min(1).default('127.0.0.1'),
  DG_MODE: z.enum(['demo', 'production']).default('demo'),
  /** Events, cursors and delivery queues live here: required, there is no events process without it. */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }),
  EVENT_STREAM: z.string().min(1).default('dg:events'),
  /** Where partner webhook endpoints and their queue live: the access subgraph's namespace. */
  REDIS_KEY_NAMESPACE: z.string().min(1).default('dg'),
  /** The subgraphs' entity cache namespace (theirs: ENTITY_CACHE_NAMESPACE), whose entries events evict. */
  ENTITY_CACHE_NAMESPACE: z.string().min(1).optional(),
  /** The token an Odoo automation rule presents (`?token=` or `x-dg-webhook-token`). */
  ODOO_WEBHOOK_TOKEN: secret.optional(),
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(1000).default(30_000),
  RECONCILE_SAFETY_WINDOW_MS: z.coerce.number().int().min(0).default(60_000),
});

const logger = createLogger({ name: 'events' });

await runUntilSignal(logger, async () => {
  const parsed = eventsEnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid events configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const mode = env.DG_MODE;
  const wmsConfig = loadWmsConfig(process.env, { mode });
  const carrierConfig = loadCarrierConfig(process.env, { mode });
  const redis = await connectRedis({ url: env.REDIS_URL, logger: logger.child({ part: 'redis' }) });
  const service = await startEventsService({
    redis,
    stream: env.EVENT_STREAM,
    ...(env.ENTITY_CACHE_NAMESPACE ? { cacheNamespace: env.ENTITY_CACHE_NAMESPACE } : {}),
    // The gateway keeps its response cache under REDIS_KEY_NAMESPACE too.
    responseCacheNamespace: env.REDIS_KEY_NAMESPACE,
    odoo: new OdooClient({ config: loadOdooConfig(process.env), logger: logger.child({ part: 'odoo' }) }),
    wms: new WmsClient(wmsConfig, { logger: logger.child({ part: 'wms' }) }),
    carrier: new CarrierClient(carrierConfig, { logger: logger.child({ part: 'carrier' }) }),
    secrets: {
      ...(carrierConfig.webhookSecret ? { carrier: carrierConfig.webhookSecret } : {}),
      // The WMS gives each webhook its own secret: WMS_WEBHOOK_SECRET lists them, comma-separated.
      ...(wmsConfig.webhookSecret ? { wms: wmsConfig.webhookSecret.split(',').map((s) => s.trim()) } : {}),
      ...(env.ODOO_WEBHOOK_TOKEN ? { odooToken: env.ODOO_WEBHOOK_TOKEN } : {}),
    },
    warehouseCodeOf: warehouseCodes(wmsConfig.warehouses),
    reconcile: { intervalMs: env.RECONCILE_INTERVAL_MS, safetyWindowMs: env.RECONCILE_SAFETY_WINDOW_MS },
    partnerWebhooks: { redisUrl: env.REDIS_URL, mode, namespace: env.REDIS_KEY_NAMESPACE },
    logger,
    host: env.HOST,
    port: env.PORT,
  });
  printBanner([
    `events service at ${service.url} (webhooks in at /webhooks/odoo, /webhooks/wms, /webhooks/carrier)`,
  ]);
  return async () => {
    await service.close();
    redis.destroy();
  };
});
