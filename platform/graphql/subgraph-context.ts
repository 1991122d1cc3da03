import type { Principal } from '../auth/principal.js';
import type { Logger } from '../logger.js';

/** What every subgraph's GraphQL context holds; each subgraph adds its connectors and loaders. */
export interface SubgraphContext {
  /** The verified caller, or null for an anonymous one (when the gateway allows anonymous access). */
  principal: Principal | null;
  correlationId: string;
  logger: Logger;
}
