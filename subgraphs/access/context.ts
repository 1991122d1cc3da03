import type { ApiKeyStore } from '../../platform/auth/api-key-store.js';
import type { SubgraphContext } from '../../platform/graphql/subgraph-context.js';

/** One request's context: the caller and the API key store it may manage. */
export interface AccessContext extends SubgraphContext {
  keys: ApiKeyStore;
}

export function createAccessContext(keys: ApiKeyStore) {
  return (base: SubgraphContext): AccessContext => ({ ...base, keys });
}
