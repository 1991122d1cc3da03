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
import { systemCheck } from '../platform/observability/dependency-checks.js';
import { processMetrics } from '../platform/observability/process-metrics.js';
import { startOpsServer } from '../platform/observability/start-ops-server.js';
import { stuckOrderCounts } from '../platform/observability/stuck-order-counts.js';
import { loadOrchestrationSettings } from './orchestration-config.js';
import { startOrchestrator } from './orchestrator.js';

const envSchema = z.object({
  DG_MODE: z.enum(['demo', 'production']).default('demo'),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }),
  REDIS_KEY_NAMESPACE: z.string().min(1).default('dg'),
  EVENT_STREAM: z.string().min(1).default('dg:events'),
  /** The subgraphs' entity cache namespace (theirs: ENTITY_CACHE_NAMESPACE), whose entries events evict. */
  ENTITY_CACHE_NAMESPACE: z.string().min(1).optional(),
  /** `/metrics`, `/healthz` and `/readyz` of the worker. Default 4009. */
  PORT: z.coerce.number().int().min(0).max(65535).default(4009),
  HOST: z.string().min(1).default('127.0.0.1'),
});

const logger = createLogger({ name: 'orchestration' });

await runUntilSignal(logger, async () => {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success)
    throw new Error(`invalid orchestration configuration:\n${z.prettifyError(parsed.error)}`);
  const env = parsed.data;
  const odoo = new OdooClient({
    config: loadOdooConfig(process.env),
    logger: logger.child({ part: 'odoo' }),
  });
  const wms = new WmsClient(loadWmsConfig(process.env, { mode: env.DG_MODE }), {
    logger: logger.child({ part: 'wms' }),
  });
  const carrier = new CarrierClient(loadCarrierConfig(process.env, { mode: env.DG_MODE }), {
    logger: logger.child({ part: 'carrier' }),
  });
  const orchestrator = await startOrchestrator({
    redisUrl: env.REDIS_URL,
    namespace: env.REDIS_KEY_NAMESPACE,
    stream: env.EVENT_STREAM,
    ...(env.ENTITY_CACHE_NAMESPACE ? { cacheNamespace: env.ENTITY_CACHE_NAMESPACE } : {}),
    // The gateway keeps its response cache under REDIS_KEY_NAMESPACE too.
    responseCacheNamespace: env.REDIS_KEY_NAMESPACE,
    odoo,
    wms,
    carrier,
    settings: loadOrchestrationSettings(process.env),
    logger,
  });
  const untrack = processMetrics().trackOrchestration(stuckOrderCounts(orchestrator.progress));
  const ops = await startOpsServer({
    checks: [systemCheck('odoo', odoo), systemCheck('wms', wms), systemCheck('carrier', carrier)],
    logger,
    port: env.PORT,
    host: env.HOST,
  });
  printBanner([
    `order-to-cash orchestration working the queue in ${env.REDIS_KEY_NAMESPACE}; metrics and health at ${ops.url}`,
  ]);
  return async () => {
    await ops.close();
    untrack();
    await orchestrator.close();
  };
});
