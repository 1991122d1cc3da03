/**
 * A subgraph as its own process, for a real deployment: its Odoo from ODOO_* (connectors/odoo/config.ts),
 * the identity secret shared with the gateway, and where to listen, all validated before anything starts.
 */
import { z } from 'zod';
import { OdooClient } from '../../connectors/odoo/client.js';
import { loadOdooConfig } from '../../connectors/odoo/config.js';
import { printBanner } from '../banner.js';
import { countCallsTo } from '../cache/call-budget.js';
import { EntityCache } from '../cache/entity-cache.js';
import type { EventHub } from '../events/event-hub.js';
import { openEventHub } from '../events/open-event-hub.js';
import { createLogger, type Logger } from '../logger.js';
import { connectRedis } from '../redis.js';
import { runUntilSignal } from '../run-until-signal.js';
import type { RunningSubgraph } from './start-subgraph-server.js';

const processEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535),
  HOST: z.string().min(1).default('127.0.0.1'),
  IDENTITY_SIGNING_SECRET: z.string().min(32, 'must be at least 32 characters, the same as the gateway'),
  /** `production` refuses the emulators' demo credentials in the connectors' configuration. */
  DG_MODE: z.enum(['demo', 'production']).default('demo'),
  /** The event log subscriptions follow; without it they answer EVENTS_UNAVAILABLE. */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /** The event stream's key; default `dg:events`. */
  EVENT_STREAM: z.string().min(1).optional(),
  /** The entity cache in Redis at REDIS_URL, for the subgraphs that read Odoo; `off` for none. */
  ENTITY_CACHE: z.enum(['on', 'off']).default('on'),
  /** The entity cache's key prefix; default `dg:cache` (the events service evicts under the same). */
  ENTITY_CACHE_NAMESPACE: z.string().min(1).optional(),
});

/** The subgraphs whose loaders read Odoo through the entity cache. */
const CACHED_SUBGRAPHS = new Set(['inventory', 'orders', 'invoicing']);

export interface SubgraphStarter {
  (options: {
    odoo: OdooClient;
    logger: Logger;
    identitySecret: string;
    port: number;
    host: string;
    mode: 'demo' | 'production';
    /** Where subscriptions follow events (REDIS_URL); null without one. */
    events: EventHub | null;
    /** The entity cache (REDIS_URL, for inventory, orders and invoicing); null without one. */
    cache: EntityCache | null;
  }): Promise<RunningSubgraph>;
}

/** Runs one subgraph until SIGINT/SIGTERM. `defaultPort` applies when PORT is unset. */
export async function runSubgraphProcess(
  name: string,
  defaultPort: number,
  start: SubgraphStarter,
): Promise<void> {
  const logger = createLogger({ name });
  await runUntilSignal(logger, async () => {
    const parsed = processEnvSchema.safeParse({ PORT: String(defaultPort), ...process.env });
    if (!parsed.success) {
      const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
      throw new Error(`invalid ${name} subgraph configuration:\n${lines.join('\n')}`);
    }
    const env = parsed.data;
    const odoo = new OdooClient({
      config: loadOdooConfig(process.env),
      logger: logger.child({ part: 'odoo' }),
      onCall: countCallsTo.odoo,
    });
    const events = env.REDIS_URL
      ? await openEventHub({
          url: env.REDIS_URL,
          logger,
          ...(env.EVENT_STREAM ? { stream: env.EVENT_STREAM } : {}),
        })
      : null;
    const cacheRedis =
      env.REDIS_URL && env.ENTITY_CACHE === 'on' && CACHED_SUBGRAPHS.has(name)
        ? await connectRedis({ url: env.REDIS_URL, logger: logger.child({ part: 'cache' }) })
        : null;
    const cache = cacheRedis
      ? new EntityCache({
          redis: cacheRedis,
          logger: logger.child({ part: 'cache' }),
          ...(env.ENTITY_CACHE_NAMESPACE ? { namespace: env.ENTITY_CACHE_NAMESPACE } : {}),
        })
      : null;
    const subgraph = await start({
      odoo,
      logger,
      identitySecret: env.IDENTITY_SIGNING_SECRET,
      port: env.PORT,
      host: env.HOST,
      mode: env.DG_MODE,
      events: events?.hub ?? null,
      cache,
    });
    printBanner([
      `${name} subgraph at ${subgraph.url} (Odoo ${await odoo.protocol()} at ${process.env.ODOO_URL ?? ''})`,
    ]);
    return async () => {
      await events?.close();
      await subgraph.close();
      cacheRedis?.destroy();
    };
  });
}
