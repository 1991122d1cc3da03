/**
 * `npm run start:orchestration`: the order-to-cash workers on their own. Redis from REDIS_URL (state
 * under REDIS_KEY_NAMESPACE, events in EVENT_STREAM), Odoo from ODOO_*, the WMS from WMS_*, the carrier
 * from CARRIER_*, tuning and policy from ORCHESTRATION_* (see orchestration-config.ts); everything is
 * validated before anything starts. Run as many as needed: they share the queue.
 */
import { z } from 'zod';
import { CarrierClient, loadCarrierConfig } from '../connectors/carrier/index.js';
import { OdooClient } from '../connectors/odoo/client.js';
import { loadOdooConfig } from '../connectors/odoo/config.js';
import { loadWmsConfig, WmsClient } from '../connectors/wms/index.js';
import { printBanner } from '../platform/banner.js';
import { createLogger } from '../platform/logger.js';
import { runUntilSignal } from '../platform/run-until-signal.js';
import { loadOrchestrationSettings } from './orchestration-config.js';
import { startOrchestrator } from './orchestrator.js';

const envSchema = z.object({
  DG_MODE: z.enum(['demo', 'production']).default('demo'),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }),
  REDIS_KEY_NAMESPACE: z.string().min(1).default('dg'),
  EVENT_STREAM: z.string().min(1).default('dg:events'),
  /** The subgraphs' entity cache namespace (theirs: ENTITY_CACHE_NAMESPACE), whose entries events evict. */
  ENTITY_CACHE_NAMESPACE: z.string().min(1).optional(),
});

const logger = createLogger({ name: 'orchestration' });

await runUntilSignal(logger, async () => {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success)
    throw new Error(`invalid orchestration configuration:\n${z.prettifyError(parsed.error)}`);
  const env = parsed.data;
  const orchestrator = await startOrchestrator({
    redisUrl: env.REDIS_URL,
    namespace: env.REDIS_KEY_NAMESPACE,
    stream: env.EVENT_STREAM,
    ...(env.ENTITY_CACHE_NAMESPACE ? { cacheNamespace: env.ENTITY_CACHE_NAMESPACE } : {}),
    odoo: new OdooClient({ config: loadOdooConfig(process.env), logger: logger.child({ part: 'odoo' }) }),
    wms: new WmsClient(loadWmsConfig(process.env, { mode: env.DG_MODE }), {
      logger: logger.child({ part: 'wms' }),
    }),
    carrier: new CarrierClient(loadCarrierConfig(process.env, { mode: env.DG_MODE }), {
      logger: logger.child({ part: 'carrier' }),
    }),
    settings: loadOrchestrationSettings(process.env),
    logger,
  });
  printBanner([`order-to-cash orchestration working the queue in ${env.REDIS_KEY_NAMESPACE}`]);
  return () => orchestrator.close();
});
