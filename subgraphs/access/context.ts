import type { ApiKeyStore } from '../../platform/auth/api-key-store.js';
import type { SubgraphContext } from '../../platform/graphql/subgraph-context.js';
import type { PartnerWebhooks } from '../../platform/webhooks/partner-webhooks.js';

/** One request's context: the caller, the API key store and the webhook endpoints it may manage. */
export interface AccessContext extends SubgraphContext {
  keys: ApiKeyStore;
  /** Null when the subgraph runs without partner webhooks: their fields answer WEBHOOKS_UNAVAILABLE. */
  webhooks: PartnerWebhooks | null;
}

export function createAccessContext(keys: ApiKeyStore, webhooks: PartnerWebhooks | null = null) {
  return (base: SubgraphContext): AccessContext => ({ ...base, keys, webhooks });
}
