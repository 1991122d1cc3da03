import { IDENTITY_HEADER } from '../auth/identity-token.js';
import type { Principal } from '../auth/principal.js';
import type { VerifiedIdentities } from '../auth/verified-identities.js';
import { graphError } from './graph-error.js';

/**
 * The principal the gateway vouched for, or null when the request carries no identity (anonymous).
 * A token that is present but invalid or expired is refused outright: it is never read as anonymous.
 */
export async function verifyCaller(
  token: string | undefined,
  identities: VerifiedIdentities,
): Promise<Principal | null> {
  if (token === undefined || token === '') return null;
  try {
    return await identities.verify(token);
  } catch (cause) {
    throw graphError('UNAUTHENTICATED', 'The caller identity is invalid or expired.', {
      cause,
      extensions: { http: { status: 401 } },
    });
  }
}

/** The identity token from headers or graphql-ws connection params (either spelling of the header). */
export function identityTokenFrom(source: Record<string, unknown> | undefined): string | undefined {
  if (!source) return undefined;
  const direct = source[IDENTITY_HEADER];
  if (typeof direct === 'string') return direct;
  const nested = source.headers;
  if (typeof nested === 'object' && nested !== null) {
    const value = (nested as Record<string, unknown>)[IDENTITY_HEADER];
    if (typeof value === 'string') return value;
  }
  return undefined;
}
