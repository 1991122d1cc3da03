import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import type { RequestAuthenticator } from '../auth/request-authenticator.js';
import type { DgContext } from '../gateway-context.js';

type ConnectionParams = Record<string, unknown> | undefined;

const connectionParamsOf = (context: unknown): ConnectionParams =>
  (context as { connectionParams?: ConnectionParams } | undefined)?.connectionParams;

/**
 * Authenticates every operation by API key or OIDC JWT (told apart by their shape) and puts the
 * principal in the context. It runs in `onParams`, before the document is parsed or validated, so a
 * caller without a valid credential learns nothing about the schema (not even whether a field exists)
 * from the errors; both GraphQL over HTTP and graphql-ws go through it (the WebSocket upgrade never
 * reaches `onRequest`).
 */
export function useApiKeyAuth(authenticator: RequestAuthenticator): GatewayPlugin<DgContext> {
  return {
    async onParams({ request, context, setResult }) {
      try {
        await authenticator.authenticate(request, connectionParamsOf(context));
      } catch (error) {
        // A result, not a throw: graphql-ws would close the whole socket (4500) on a thrown error.
        if (error instanceof GraphQLError) setResult({ errors: [error] });
        else throw error;
      }
    },
    async onContextBuilding({ context, extendContext }) {
      const request = (context as { request?: Request }).request;
      if (!request) throw new Error('useApiKeyAuth: the context has no request');
      extendContext({ principal: await authenticator.authenticate(request, connectionParamsOf(context)) });
    },
  };
}
