import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { graphError } from '../../platform/graphql/graph-error.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { ApiKeyStore } from '../auth/api-keys.js';
import {
  credentialFromConnectionParams,
  credentialFromHeaders,
  type Credential,
} from '../auth/credentials.js';
import { looksLikeJwt, type JwtVerifier } from '../auth/jwt-verifier.js';
import type { DgContext } from '../gateway-context.js';
import type { Logger } from '../../platform/logger.js';

export interface ApiKeyAuthOptions {
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

async function verifyJwt(options: ApiKeyAuthOptions, token: string): Promise<Principal> {
  if (!options.jwt) throw unauthenticated('JWT bearer tokens are not configured on this gateway.');
  try {
    return (await options.jwt.verify(token)).principal;
  } catch (error) {
    // One answer for every reason (expired, wrong audience, unknown key...): the caller learns nothing.
    const reason = error instanceof Error ? error.message : String(error);
    options.logger?.warn({ reason, code: (error as { code?: unknown }).code }, 'JWT refused');
    throw unauthenticated('The bearer token is invalid.');
  }
}

/**
 * Authenticates every operation by API key or OIDC JWT (told apart by their shape) and puts the
 * principal in the context. It runs while the context is built, which both GraphQL over HTTP and
 * graphql-ws go through (the WebSocket upgrade never reaches `onRequest`), so a WebSocket caller is never
 * mistaken for an anonymous one. On graphql-ws the connection params are read first, then the upgrade
 * request's headers.
 */
export function useApiKeyAuth(options: ApiKeyAuthOptions): GatewayPlugin<DgContext> {
  const allowAnonymous = options.allowAnonymous ?? false;
  return {
    async onContextBuilding({ context, extendContext }) {
      let credential: Credential = credentialFromConnectionParams(context.connectionParams);
      if (credential.kind === 'none' && context.request)
        credential = credentialFromHeaders(context.request.headers);
      let principal: Principal | null = null;
      if (credential.kind === 'malformed') {
        throw unauthenticated('Present an API key as "Authorization: Bearer <key>" or "X-Api-Key: <key>".');
      }
      if (credential.kind === 'key' && looksLikeJwt(credential.key)) {
        principal = await verifyJwt(options, credential.key);
      } else if (credential.kind === 'key') {
        principal = await options.store.authenticate(credential.key);
        if (!principal) throw unauthenticated('The API key is invalid.');
      } else if (!allowAnonymous) {
        throw unauthenticated('Authentication required: present an API key.');
      }
      extendContext({ principal });
    },
  };
}
