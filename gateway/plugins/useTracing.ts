import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Span,
  type TextMapGetter,
} from '@opentelemetry/api';
import { getOperationAST, type DocumentNode } from 'graphql';
import { TRACER_NAME, traceHeaders } from '../../platform/observability/spans.js';
import { tracingStarted } from '../../platform/observability/start-tracing.js';
import type { DgContext } from '../gateway-context.js';

export interface TracingOptions {
  /** Requests to this path get a server span (probes and `/metrics` do not). Default: `/graphql`. */
  graphqlPath?: string;
}

const headersGetter: TextMapGetter<Headers> = {
  get: (headers, key) => headers.get(key) ?? undefined,
  keys: (headers) => [...headers.keys()],
};

/** Runs `wrapped` in a new span under the current one, ending it when `wrapped` settles. */
function inSpan(name: string, kind: SpanKind, attributes: Record<string, string>, wrapped: () => unknown) {
  const span = trace.getTracer(TRACER_NAME).startSpan(name, { kind, attributes });
  const end = (error?: unknown) => {
    if (error !== undefined)
      span.setStatus({
        code: SpanStatusCode.ERROR,
        message: error instanceof Error ? error.message : 'failed',
      });
    span.end();
  };
  try {
    const result = context.with(trace.setSpan(context.active(), span), wrapped);
    if (result instanceof Promise)
      return result.then(
        () => end(),
        (error: unknown) => (end(error), Promise.reject(error as Error)),
      );
    end();
    return result;
  } catch (error) {
    end(error);
    throw error;
  }
}

/**
 * OpenTelemetry spans of the gateway, no-ops unless the process started tracing: a server span per
 * GraphQL HTTP request continuing the client's W3C trace context, a span per subgraph execution and a
 * client span per subgraph fetch, whose `traceparent` the subgraph continues. graphql-ws operations are
 * not traced. Start tracing before the gateway: without it the plugin has no hooks at all, since even
 * no-op spans and the wrappers around every phase cost each request CPU.
 */
export function useTracing(options: TracingOptions = {}): GatewayPlugin<DgContext> {
  if (!tracingStarted()) return {};
  const graphqlPath = options.graphqlPath ?? '/graphql';
  const spans = new WeakMap<Request, Span>();
  return {
    instrumentation: {
      request({ request }, wrapped) {
        const url = new URL(request.url);
        if (url.pathname !== graphqlPath) return wrapped();
        const parent = propagation.extract(ROOT_CONTEXT, request.headers, headersGetter);
        const span = trace.getTracer(TRACER_NAME).startSpan(
          `${request.method} ${graphqlPath}`,
          {
            kind: SpanKind.SERVER,
            attributes: { 'dg.service': 'gateway', 'http.request.method': request.method },
          },
          parent,
        );
        spans.set(request, span);
        const end = () => span.end();
        const result = context.with(trace.setSpan(parent, span), wrapped);
        if (result instanceof Promise) return result.finally(end);
        end();
        return result;
      },
      subgraphExecute: ({ subgraphName }, wrapped) =>
        inSpan(
          `subgraph ${subgraphName}`,
          SpanKind.INTERNAL,
          { 'dg.subgraph': subgraphName },
          wrapped,
        ) as Promise<void> | void,
      fetch: (_payload, wrapped) =>
        inSpan('POST subgraph', SpanKind.CLIENT, {}, wrapped) as Promise<void> | void,
    },
    onExecute({ args }) {
      const span = trace.getActiveSpan();
      const operation = getOperationAST(
        args.document as DocumentNode,
        args.operationName as string | undefined,
      );
      if (!span || !operation) return;
      span.setAttribute('graphql.operation.type', operation.operation);
      if (operation.name) span.setAttribute('graphql.operation.name', operation.name.value);
    },
    onFetch(payload) {
      const headers = traceHeaders();
      if (!('traceparent' in headers)) return;
      const { options: init } = payload;
      payload.setOptions({ ...init, headers: { ...init.headers, ...headers } });
    },
    onResponse({ request, response }) {
      const span = spans.get(request);
      if (!span) return;
      span.setAttribute('http.response.status_code', response.status);
      if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    },
  };
}
