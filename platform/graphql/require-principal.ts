import type { Principal } from '../auth/principal.js';
import { graphError } from './graph-error.js';
import type { SubgraphContext } from './subgraph-context.js';

/** The verified caller; an anonymous request gets UNAUTHENTICATED. */
export function requirePrincipal(context: SubgraphContext): Principal {
  if (!context.principal) throw graphError('UNAUTHENTICATED');
  return context.principal;
}
