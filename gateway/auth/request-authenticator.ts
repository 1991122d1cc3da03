import { graphError } from '../../platform/graphql/graph-error.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Logger } from '../../platform/logger.js';
import type { ApiKeyStore } from './api-keys.js';
import { credentialFromConnectionParams, credentialFromHeaders, type Credential } from './credentials.js';
import { looksLikeJwt, type JwtVerifier } from './jwt-verifier.js';

export interface RequestAuthenticatorOptions {
  /** Where presented keys are looked up. Required. */
  store: ApiKeyStore;
  /** Let callers without any credential through as anonymous (`principal: null`). Default: false. */
  allowAnonymous?: boolean;
  /** Verifies OIDC bearer tokens (JWTs). Default none: a JWT is refused. */
  jwt?: JwtVerifier;
  /** Where refused JWTs are logged with their reason (the caller is told nothing). Default none. */
  logger?: Logger;
}

function unauthenticated(message: string) {
  // 401 on HTTP; on graphql-ws the error reaches the client as the operation's error.
  return graphError('UNAUTHENTICATED', message, { extensions: { http: { status: 401 } } });
}

/**
 * Finds the principal of a request once, whoever asks first (authentication itself, or a check such as
 * persisted-only keys that must run before the document is parsed), so a key is looked up once per
 * request. On graphql-ws the connection params are read first, then the upgrade request's headers.
 */
export class RequestAuthenticator {
  private readonly principals = new WeakMap<Request, Promise<Principal | null>>();

  constructor(private readonly options: RequestAuthenticatorOptions) {}

  /** The caller's principal; rejects with UNAUTHENTICATED (401) for a wrong, malformed or missing credential. */
  authenticate(request: Request, connectionParams?: Record<string, unknown>): Promise<Principal | null> {
    let principal = this.principals.get(request);
    if (!principal) {
      principal = this.resolve(request, connectionParams);
      this.principals.set(request, principal);
    }
    return principal;
  }

  /** The principal when authentication succeeded, else null; never rejects. */
  async principalOrNull(request: Request, connectionParams?: Record<string, unknown>) {
    return this.authenticate(request, connectionParams).catch(() => null);
  }

  private async resolve(request: Request, connectionParams?: Record<string, unknown>) {
    let credential: Credential = credentialFromConnectionParams(connectionParams);
    if (credential.kind === 'none') credential = credentialFromHeaders(request.headers);
    if (credential.kind === 'malformed')
      throw unauthenticated('Present an API key as "Authorization: Bearer <key>" or "X-Api-Key: <key>".');
    if (credential.kind === 'key' && looksLikeJwt(credential.key)) return this.verifyJwt(credential.key);
    if (credential.kind === 'key') {
      const principal = await this.options.store.authenticate(credential.key);
      if (!principal) throw unauthenticated('The API key is invalid.');
      return principal;
    }
    if (!this.options.allowAnonymous) throw unauthenticated('Authentication required: present an API key.');
    return null;
  }

  private async verifyJwt(token: string): Promise<Principal> {
    if (!this.options.jwt) throw unauthenticated('JWT bearer tokens are not configured on this gateway.');
    try {
      return (await this.options.jwt.verify(token)).principal;
    } catch (error) {
      // One answer for every reason (expired, wrong audience, unknown key...): the caller learns nothing.
      const reason = error instanceof Error ? error.message : String(error);
      this.options.logger?.warn({ reason, code: (error as { code?: unknown }).code }, 'JWT refused');
      throw unauthenticated('The bearer token is invalid.');
    }
  }
}
