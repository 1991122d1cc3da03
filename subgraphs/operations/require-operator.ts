import type { Principal } from '../../platform/auth/principal.js';
import { graphError } from '../../platform/graphql/graph-error.js';
import { requirePrincipal } from '../../platform/graphql/require-principal.js';
import type { SubgraphContext } from '../../platform/graphql/subgraph-context.js';

/**
 * The caller when it is internal: UNAUTHENTICATED when anonymous, FORBIDDEN for a partner. The gateway
 * never issues a partner the `operations:` scopes, so this holds even if that refusal were bypassed: dead
 * letters and webhook deliveries carry every tenant's data.
 */
export function requireOperator(context: SubgraphContext): Principal {
  const principal = requirePrincipal(context);
  if (principal.kind !== 'internal')
    throw graphError('FORBIDDEN', 'The operations graph is for internal callers only.');
  return principal;
}
