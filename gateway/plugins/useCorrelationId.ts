import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { CORRELATION_HEADER, newCorrelationId, withCorrelationId } from '../../platform/correlation.js';
import type { DgContext } from '../gateway-context.js';

export interface CorrelationIdOptions {
  /** Header read from the client, sent to subgraphs and echoed in the response. Default: `x-correlation-id`. */
  header?: string;
}

const SANE = /^[A-Za-z0-9._-]{1,128}$/;

/** The client's id when it is a sane token (so logs cannot be forged or flooded), else a new one. */
export function acceptCorrelationId(value: unknown): string {
  return typeof value === 'string' && SANE.test(value) ? value : newCorrelationId();
}

/**
 * Gives every request (and every graphql-ws operation) a correlation id: the client's when sane, else a
 * new one. It is echoed in the response, sent to every subgraph, put in the context and made current for
 * the platform logger, so one request can be followed from the gateway into each subgraph and connector.
 */
export function useCorrelationId(options: CorrelationIdOptions = {}): GatewayPlugin<DgContext> {
  const header = options.header ?? CORRELATION_HEADER;
  const ids = new WeakMap<Request, string>();
  return {
    instrumentation: {
      request({ request }, wrapped) {
        const id = acceptCorrelationId(request.headers.get(header));
        ids.set(request, id);
        return withCorrelationId(id, wrapped);
      },
    },
    onContextBuilding({ context, extendContext }) {
      // A WebSocket operation never passes `instrumentation.request`: its id comes from connection params.
      const known = context.request ? ids.get(context.request) : undefined;
      extendContext({ correlationId: known ?? acceptCorrelationId(context.connectionParams?.[header]) });
    },
    onFetch(payload) {
      const { context, options: init } = payload;
      // Outside the de-duplication key on purpose: identical in-flight queries may still share one fetch.
      const id = 'correlationId' in context ? context.correlationId : undefined;
      if (!id) return;
      payload.setOptions({
        ...init,
        headers: { ...init.headers, [header]: id },
      });
    },
    onResponse({ request, response }) {
      const id = ids.get(request);
      if (id) response.headers.set(header, id);
    },
  };
}
