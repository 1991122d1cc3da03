import { hasScope } from '../../../platform/auth/principal.js';
import type { Scope } from '../../../platform/auth/scopes.js';
import { graphError } from '../../../platform/graphql/graph-error.js';
import { requirePrincipal } from '../../../platform/graphql/require-principal.js';
import type { PartnerWebhooks } from '../../../platform/webhooks/partner-webhooks.js';
import type { WebhookOwner } from '../../../platform/webhooks/webhook-endpoint.js';
import type { AccessContext } from '../context.js';

/** The scope of every webhook field (`@requiresScopes`, enforced by the gateway and the subgraph). */
export const WEBHOOKS_MANAGE_SCOPE = 'webhooks:manage' satisfies Scope;

/**
 * The webhooks service and the caller as an owner: a partner manages its tenant's endpoints, an internal
 * caller every endpoint. UNAUTHENTICATED, FORBIDDEN without the scope, WEBHOOKS_UNAVAILABLE without the service.
 */
export function requireWebhooks(context: AccessContext): { webhooks: PartnerWebhooks; owner: WebhookOwner } {
  const principal = requirePrincipal(context);
  if (!hasScope(principal, WEBHOOKS_MANAGE_SCOPE))
    throw graphError('FORBIDDEN', `Managing webhooks needs scope ${WEBHOOKS_MANAGE_SCOPE}.`);
  if (!context.webhooks) throw graphError('WEBHOOKS_UNAVAILABLE');
  const tenantPartnerId = principal.kind === 'partner' ? principal.tenantPartnerId : null;
  return { webhooks: context.webhooks, owner: { principalId: principal.id, tenantPartnerId } };
}
