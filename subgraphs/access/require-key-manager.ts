import { hasScope, type Principal } from '../../platform/auth/principal.js';
import type { Scope } from '../../platform/auth/scopes.js';
import { graphError } from '../../platform/graphql/graph-error.js';
import { requirePrincipal } from '../../platform/graphql/require-principal.js';
import type { SubgraphContext } from '../../platform/graphql/subgraph-context.js';

/**
 * The scope that lets an internal principal manage API keys. Declared on every root field of the access
 * subgraph (`@requiresScopes`, enforced by the gateway and the subgraph) and checked again by the resolvers.
 */
export const KEYS_MANAGE_SCOPE = 'keys:manage' satisfies Scope;

/** The caller when it is internal with `keys:manage`; UNAUTHENTICATED when anonymous, else FORBIDDEN. */
export function requireKeyManager(context: SubgraphContext): Principal {
  const principal = requirePrincipal(context);
  if (principal.kind !== 'internal' || !hasScope(principal, KEYS_MANAGE_SCOPE)) {
    throw graphError(
      'FORBIDDEN',
      `Managing API keys needs an internal principal with scope ${KEYS_MANAGE_SCOPE}.`,
    );
  }
  return principal;
}
