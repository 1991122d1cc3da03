import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { OperationTypeNode } from 'graphql';
import { IDENTITY_HEADER, IdentityTokens } from '../../platform/auth/identity-token.js';
import type { DgContext } from '../gateway-context.js';

export interface IdentityPropagationOptions {
  /** `IDENTITY_SIGNING_SECRET`, shared with the subgraphs. Required. */
  secret: string;
  /** Lifetime of each signed token. Default: the platform's (60 seconds). */
  ttlSeconds?: number;
}

/**
 * Tells each subgraph who the caller is with a signed `x-dg-identity` header, and never forwards the
 * caller's own credentials. Register it after {@link useApiKeyAuth}, whose principal it signs.
 *
 * The token is signed for the caller (reused while it has most of its life left) and put in the context. Over HTTP it goes in the execution
 * request's `extensions.headers`, which the HTTP executor includes in its in-flight de-duplication key, so
 * two callers' identical queries are never merged into one answer (a header set in `onFetch` is NOT part
 * of that key). Over WebSocket it goes in the connection params (see `subgraphTransportEntries`).
 */
export function useIdentityPropagation(options: IdentityPropagationOptions): GatewayPlugin<DgContext> {
  const tokens = new IdentityTokens(options.secret, options.ttlSeconds);
  return {
    async onContextBuilding({ context, extendContext }) {
      if (!context.principal) return;
      extendContext({ identityToken: await tokens.tokenFor(context.principal) });
    },
    onSubgraphExecute({ executionRequest }) {
      const token = (executionRequest.context as Partial<DgContext> | undefined)?.identityToken;
      if (!token || executionRequest.operationType === OperationTypeNode.SUBSCRIPTION) return;
      const extensions = executionRequest.extensions ?? {};
      const headers = (extensions.headers ?? {}) as Record<string, string>;
      executionRequest.extensions = { ...extensions, headers: { ...headers, [IDENTITY_HEADER]: token } };
    },
    onFetch(payload) {
      const init = payload.options;
      // Hive forwards no client header unless told to; this keeps it so if a later change does.
      const headers = { ...init.headers };
      if (!('authorization' in headers) && !('Authorization' in headers) && !('x-api-key' in headers)) return;
      delete headers.authorization;
      delete headers.Authorization;
      delete headers['x-api-key'];
      payload.setOptions({ ...init, headers });
    },
  };
}
