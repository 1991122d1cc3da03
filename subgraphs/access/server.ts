import type { ApiKeyStore } from '../../platform/auth/api-key-store.js';
import { startSubgraphServer, type RunningSubgraph } from '../../platform/graphql/start-subgraph-server.js';
import type { Logger } from '../../platform/logger.js';
import type { PartnerWebhooks } from '../../platform/webhooks/partner-webhooks.js';
import { createAccessContext } from './context.js';
import { accessSchema } from './schema/index.js';

export interface AccessSubgraphOptions {
  /** The keys to manage: the same store the gateway authenticates with. */
  keys: ApiKeyStore;
  /** Webhook endpoint management; without it the webhook fields answer WEBHOOKS_UNAVAILABLE. */
  webhooks?: PartnerWebhooks;
  logger: Logger;
  identitySecret: string;
  port?: number;
  host?: string;
}

/** Serves the access subgraph (API keys, internal only; webhook endpoints, per partner) on `/graphql`. */
export function startAccessSubgraph(options: AccessSubgraphOptions): Promise<RunningSubgraph> {
  return startSubgraphServer({
    name: 'access',
    schema: accessSchema,
    logger: options.logger,
    identitySecret: options.identitySecret,
    port: options.port,
    host: options.host,
    createContext: createAccessContext(options.keys, options.webhooks ?? null),
  });
}
