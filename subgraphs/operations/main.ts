/**
 * `npm run start:operations`: the operations subgraph as its own process. Its own Odoo, WMS and carrier
 * clients from ODOO_*, WMS_*, CARRIER_* (probed for integration health); dead letters and partner webhooks
 * in Redis (REDIS_URL; without it those fields answer EVENTS_UNAVAILABLE / WEBHOOKS_UNAVAILABLE);
 * SUBGRAPH_URLS, `name=url` pairs separated by commas, the subgraphs it probes (default: the others on
 * loopback at their default ports).
 */
import { z } from 'zod';
import { CarrierClient, loadCarrierConfig } from '../../connectors/carrier/index.js';
import { OdooClient } from '../../connectors/odoo/client.js';
import { loadOdooConfig } from '../../connectors/odoo/config.js';
import { loadWmsConfig, WmsClient } from '../../connectors/wms/index.js';
import { printBanner } from '../../platform/banner.js';
import { EventLog } from '../../platform/events/event-log.js';
import { createLogger } from '../../platform/logger.js';
import { connectRedis } from '../../platform/redis.js';
import { runUntilSignal } from '../../platform/run-until-signal.js';
import { PartnerWebhooks } from '../../platform/webhooks/index.js';
import { DEFAULT_SUBGRAPH_PORTS } from '../ports.js';
import { startOperationsSubgraph } from './server.js';

const defaultSubgraphUrls = Object.entries(DEFAULT_SUBGRAPH_PORTS)
  .filter(([name]) => name !== 'operations')
  .map(([name, port]) => `${name}=http://127.0.0.1:${port}/graphql`)
  .join(',');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_SUBGRAPH_PORTS.operations),
  HOST: z.string().min(1).default('127.0.0.1'),
  IDENTITY_SIGNING_SECRET: z.string().min(32, 'must be at least 32 characters, the same as the gateway'),
  DG_MODE: z.enum(['demo', 'production']).default('demo'),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  EVENT_STREAM: z.string().min(1).default('dg:events'),
  /** Where partner webhooks live: the access subgraph's and the events process's namespace. */
  REDIS_KEY_NAMESPACE: z.string().min(1).default('dg'),
  SUBGRAPH_URLS: z
    .string()
    .default(defaultSubgraphUrls)
    .transform((value, ctx) => {
      const pairs = value.split(',').filter((pair) => pair.trim() !== '');
      const entries = pairs.map((pair) => pair.trim().split('=') as [string, string?]);
      for (const [name, url] of entries)
        if (!url || !URL.canParse(url)) ctx.addIssue({ code: 'custom', message: `${name}: not name=url` });
      return Object.fromEntries(entries.map(([name, url]) => [name, url ?? '']));
    }),
});

const logger = createLogger({ name: 'operations' });

await runUntilSignal(logger, async () => {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid operations subgraph configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const mode = env.DG_MODE;
  const odoo = new OdooClient({
    config: loadOdooConfig(process.env),
    logger: logger.child({ part: 'odoo' }),
  });
  const wms = new WmsClient(loadWmsConfig(process.env, { mode }), { logger: logger.child({ part: 'wms' }) });
  const carrier = new CarrierClient(loadCarrierConfig(process.env, { mode }), {
    logger: logger.child({ part: 'carrier' }),
  });
  const redis = env.REDIS_URL ? await connectRedis({ url: env.REDIS_URL, logger }) : undefined;
  const webhooks =
    redis && env.REDIS_URL
      ? new PartnerWebhooks({
          redis,
          redisUrl: env.REDIS_URL,
          events: new EventLog({ redis, stream: env.EVENT_STREAM }),
          mode,
          namespace: env.REDIS_KEY_NAMESPACE,
          logger: logger.child({ part: 'webhooks' }),
        })
      : undefined;
  const subgraph = await startOperationsSubgraph({
    odoo,
    wms,
    carrier,
    ...(redis ? { redis } : {}),
    eventStream: env.EVENT_STREAM,
    ...(webhooks ? { webhooks } : {}),
    webhookNamespace: env.REDIS_KEY_NAMESPACE,
    subgraphs: env.SUBGRAPH_URLS,
    logger,
    identitySecret: env.IDENTITY_SIGNING_SECRET,
    port: env.PORT,
    host: env.HOST,
  });
  printBanner([`operations subgraph at ${subgraph.url}${redis ? '' : ' (no REDIS_URL: no dead letters)'}`]);
  return async () => {
    await subgraph.close();
    await webhooks?.close();
    redis?.destroy();
  };
});
