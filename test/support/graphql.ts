import { INTERNAL_DEMO_SCOPES, PARTNER_DEMO_SCOPES } from '../../gateway/auth/demo-api-keys.js';
import { signIdentity } from '../../platform/auth/identity-token.js';
import type { Principal } from '../../platform/auth/principal.js';

export const TEST_IDENTITY_SECRET = 'test-identity-secret-0123456789abcdef';

export const internalPrincipal: Principal = {
  kind: 'internal',
  id: 'staff-1',
  name: 'Test Staff',
  scopes: INTERNAL_DEMO_SCOPES,
};

export function partnerPrincipal(tenantPartnerId: number): Principal {
  return {
    kind: 'partner',
    id: `partner-${tenantPartnerId}`,
    name: `Partner ${tenantPartnerId}`,
    partnerKind: 'customer',
    tenantPartnerId,
    scopes: PARTNER_DEMO_SCOPES,
  };
}

export interface GraphQLResponse {
  status: number;
  body: {
    data?: any;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  };
}

/** POSTs a GraphQL request to a subgraph as the gateway would, with a signed identity for `principal`. */
export async function postAs(
  url: string,
  principal: Principal | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (principal) headers['x-dg-identity'] = await signIdentity(principal, TEST_IDENTITY_SECRET);
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return { status: response.status, body: (await response.json()) as GraphQLResponse['body'] };
}
