import type { CarrierClient } from '../../connectors/carrier/index.js';
import type { OdooClient } from '../../connectors/odoo/client.js';
import type { WmsClient } from '../../connectors/wms/index.js';
import { EventLog } from '../../platform/events/event-log.js';
import { startSubgraphServer, type RunningSubgraph } from '../../platform/graphql/start-subgraph-server.js';
import type { Logger } from '../../platform/logger.js';
import { redisCheck } from '../../platform/observability/dependency-checks.js';
import type { RedisClient } from '../../platform/redis.js';
import type { PartnerWebhooks } from '../../platform/webhooks/partner-webhooks.js';
import { createOperationsContext } from './context.js';
import { DeadLetterPages } from './dead-letter-pages.js';
import { IntegrationHealth } from './integration-health.js';
import { RecentCalls } from './recent-calls.js';
import { operationsSchema } from './schema/index.js';
import { WebhookDeliveryHealth } from './webhook-delivery-health.js';

export interface OperationsSubgraphOptions {
  /** This subgraph's own clients, probed for integration health. */
  odoo: OdooClient;
  wms: WmsClient;
  carrier: CarrierClient;
  /** Dead letters, webhook deliveries and the Redis probe; without it those fields answer *_UNAVAILABLE. */
  redis?: RedisClient;
  /** The event stream whose `<stream>:dead` is listed. Default `dg:events`. */
  eventStream?: string;
  /** Partner webhooks (replays are queued through them); without them the webhook fields answer WEBHOOKS_UNAVAILABLE. */
  webhooks?: PartnerWebhooks;
  /** The webhooks' key namespace (their dead letters are `<namespace>:webhooks:dead`). Default `dg`. */
  webhookNamespace?: string;
  /** The other subgraphs by name at their GraphQL URL, probed at `/readyz`. Default none. */
  subgraphs?: Record<string, string>;
  logger: Logger;
  identitySecret: string;
  port?: number;
  host?: string;
}

/**
 * Serves the operations subgraph (internal callers only): integration health, dead letters with replay,
 * webhook delivery figures. Ready when Redis answers (when it has one): it reports the other systems'
 * outages rather than depending on them.
 */
export async function startOperationsSubgraph(options: OperationsSubgraphOptions): Promise<RunningSubgraph> {
  const { redis } = options;
  const recentCalls = new RecentCalls();
  const health = new IntegrationHealth({
    systems: { odoo: options.odoo, wms: options.wms, carrier: options.carrier },
    redis: redis ?? null,
    subgraphs: options.subgraphs ?? {},
    recentCalls,
  });
  const deadLetters = redis
    ? new DeadLetterPages(redis, new EventLog({ redis, stream: options.eventStream ?? 'dg:events' }))
    : null;
  const webhooks =
    redis && options.webhooks
      ? new WebhookDeliveryHealth(redis, options.webhooks, options.webhookNamespace ?? 'dg')
      : null;
  try {
    const subgraph = await startSubgraphServer({
      name: 'operations',
      schema: operationsSchema,
      logger: options.logger,
      identitySecret: options.identitySecret,
      port: options.port,
      host: options.host,
      readiness: redis ? [redisCheck(redis)] : [],
      createContext: createOperationsContext({ deadLetters, webhooks, health }),
    });
    return {
      ...subgraph,
      close: async () => {
        await subgraph.close();
        recentCalls.close();
      },
    };
  } catch (error) {
    recentCalls.close();
    throw error;
  }
}
