import type { TransportEntryAdditions } from '@graphql-hive/gateway-runtime';
import { IDENTITY_HEADER } from '../platform/auth/identity-token.js';
import { CORRELATION_HEADER } from '../platform/correlation.js';

export interface SubgraphTransportOptions {
  /** Share one upstream fetch among identical in-flight queries. Default: true (Hive's default). */
  deduplicateInflightRequests?: boolean;
}

/**
 * How the gateway reaches every subgraph: queries and mutations over HTTP, subscriptions over graphql-ws
 * on the same URL. The WebSocket's connection params carry the caller's signed identity and correlation
 * id, interpolated from the operation's context. Hive keys its WebSocket clients by those params, so each
 * caller's subscriptions travel on a connection of their own, never on another caller's.
 */
export function subgraphTransportEntries(options: SubgraphTransportOptions = {}): TransportEntryAdditions {
  return {
    '*.http': {
      options: {
        deduplicateInflightRequests: options.deduplicateInflightRequests ?? true,
        subscriptions: {
          kind: 'ws',
          options: {
            // Close a subgraph socket as soon as its last subscription ends. Sockets are per caller
            // identity, so there is little to reuse, and graphql-ws leaves the linger timer running
            // after dispose (which kept processes alive for 3 s on shutdown).
            lazyCloseTimeout: 0,
            connectionParams: {
              [IDENTITY_HEADER]: '{context.identityToken}',
              [CORRELATION_HEADER]: '{context.correlationId}',
            },
          },
        },
      },
    },
  };
}
