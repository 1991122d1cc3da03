import type { ApiKeyStore } from '../../platform/auth/api-key-store.js';
import { startSubgraphServer, type RunningSubgraph } from '../../platform/graphql/start-subgraph-server.js';
import type { Logger } from '../../platform/logger.js';
import { createAccessContext } from './context.js';
import { accessSchema } from './schema/index.js';

export interface AccessSubgraphOptions {
  /** The keys to manage: the same store the gateway authenticates with. */
  keys: ApiKeyStore;
  logger: Logger;
  identitySecret: string;
  port?: number;
  host?: string;
}

/** Serves the access subgraph (API key management, internal only) on `/graphql`. */
export function startAccessSubgraph(options: AccessSubgraphOptions): Promise<RunningSubgraph> {
  return startSubgraphServer({
    name: 'access',
    schema: accessSchema,
    logger: options.logger,
    identitySecret: options.identitySecret,
    port: options.port,
    host: options.host,
    createContext: createAccessContext(options.keys),
  });
}
