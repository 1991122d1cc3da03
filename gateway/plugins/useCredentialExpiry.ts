import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { isDeepStrictEqual } from 'node:util';
import { WebSocket } from 'ws';
import type { Logger } from '../../platform/logger.js';
import type { ApiKeyStore } from '../auth/api-keys.js';
import { credentialFromConnectionParams, credentialFromHeaders } from '../auth/credentials.js';
import { looksLikeJwt, type JwtVerifier } from '../auth/jwt-verifier.js';
import type { DgContext } from '../gateway-context.js';

export interface CredentialExpiryOptions {
  /** Where a connection's API key is looked up again. Required. */
  store: ApiKeyStore;
  /** Tells when a connection's JWT expires. Default none (then authentication refuses JWTs anyway). */
  jwt?: JwtVerifier;
  /** How often a connection authenticated by API key checks that the key is still valid. Default 30 s. */
  recheckMs?: number;
  /** Where closed connections are logged. Default none. */
  logger?: Logger;
}

/** The graphql-ws close code and reason sent when a connection's credential ends. */
export const CREDENTIAL_ENDED = { code: 4401, reason: 'Unauthorized' } as const;
/** Sent when the key store cannot be asked (fail closed: a new operation would fail as well). */
const CHECK_FAILED = { code: 1011, reason: 'Credential check failed' } as const;
/** setTimeout's longest delay; a later expiry is waited for in steps. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * Ends graphql-ws connections whose credential ends: at the JWT's expiry, or at the first periodic
 * re-check that finds the API key revoked, expired or now standing for another principal. Closing the
 * socket (4401 Unauthorized) completes every subscription on it and their subgraph subscriptions.
 * HTTP requests are authenticated one by one and need none of this. Register after authentication: the
 * first operation of a connection that authentication let through starts the watch.
 */
export function useCredentialExpiry(options: CredentialExpiryOptions): GatewayPlugin<DgContext> {
  const recheckMs = options.recheckMs ?? 30_000;
  const watched = new WeakSet<WebSocket>();

  const close = (socket: WebSocket, why: { code: number; reason: string }, cause: string) => {
    options.logger?.info({ cause, closeCode: why.code }, 'closing a WebSocket: its credential ended');
    socket.close(why.code, why.reason);
  };

  const watchJwt = async (socket: WebSocket, token: string, jwt: JwtVerifier) => {
    const { expiresAt } = await jwt.verify(token).catch(() => ({ expiresAt: 0 }));
    let timer: NodeJS.Timeout | undefined;
    const wait = () => {
      const left = expiresAt - Date.now();
      if (left <= 0) return close(socket, CREDENTIAL_ENDED, 'token expired');
      timer = setTimeout(wait, Math.min(left, MAX_DELAY_MS)).unref();
    };
    wait();
    return () => clearTimeout(timer);
  };

  const watchApiKey = (socket: WebSocket, key: string, principal: DgContext['principal']) => {
    let timer: NodeJS.Timeout | undefined;
    const check = async () => {
      try {
        const current = await options.store.authenticate(key);
        if (!current) return close(socket, CREDENTIAL_ENDED, 'API key revoked or expired');
        if (!isDeepStrictEqual(current, principal)) return close(socket, CREDENTIAL_ENDED, 'API key changed');
      } catch (error) {
        options.logger?.warn({ err: error }, 'API key re-check failed');
        return close(socket, CHECK_FAILED, 'API key re-check failed');
      }
      if (socket.readyState === WebSocket.OPEN) timer = setTimeout(() => void check(), recheckMs).unref();
    };
    timer = setTimeout(() => void check(), recheckMs).unref();
    return () => clearTimeout(timer);
  };

  return {
    async onContextBuilding({ context }) {
      const socket: unknown = 'socket' in context ? context.socket : undefined;
      if (!(socket instanceof WebSocket) || watched.has(socket)) return;
      let credential = credentialFromConnectionParams(context.connectionParams);
      if (credential.kind === 'none' && context.request)
        credential = credentialFromHeaders(context.request.headers);
      if (credential.kind !== 'key') return;
      watched.add(socket);
      const stop =
        looksLikeJwt(credential.key) && options.jwt
          ? await watchJwt(socket, credential.key, options.jwt)
          : watchApiKey(socket, credential.key, context.principal ?? null);
      if (socket.readyState >= WebSocket.CLOSING) stop();
      else socket.once('close', stop);
    },
  };
}
