/**
 * The supergraph as @apollo/gateway accepts it. It refuses a supergraph that links a feature `for:
 * SECURITY` it does not implement, and ours links `@requiresScopes` and `@authenticated` so. Without
 * the `for:` the links are plain metadata: Apollo then plans and serves the same graph but enforces
 * none of those directives (no authentication, no scopes), so it does strictly less work than ours.
 */
export function withoutSecurityLinks(supergraphSdl: string): string {
  return supergraphSdl.replace(/,\s*for:\s*SECURITY/g, '');
}
