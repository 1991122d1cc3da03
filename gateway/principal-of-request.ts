import type { Principal } from '../platform/auth/principal.js';
import type { ApiKeyStore } from './auth/api-keys.js';
import { credentialFromHeaders } from './auth/credentials.js';
import { looksLikeJwt } from './auth/jwt-verifier.js';

/**
 * The principal of an HTTP request's API key, or null (no key, a JWT, a wrong key): for checks that must
 * run before authentication proper (which still refuses what this lets pass). Looks the key up once more.
 */
export function principalOfRequest(store: ApiKeyStore): (request: Request) => Promise<Principal | null> {
  return async (request) => {
    const credential = credentialFromHeaders(request.headers);
    if (credential.kind !== 'key' || looksLikeJwt(credential.key)) return null;
    return store.authenticate(credential.key);
  };
}
