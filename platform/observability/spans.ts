import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
} from '@opentelemetry/api';
import type { IncomingHttpHeaders } from 'node:http';
import type { HttpRequest, HttpResponse, HttpSend } from '../../connectors/shared/http-client.js';

export const TRACER_NAME = 'distribution-graph';

const tracer = () => trace.getTracer(TRACER_NAME);

function fail(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : undefined });
}

/**
 * Runs `fn` in a server span continuing the caller's trace (W3C `traceparent` in `headers`), made current
 * for everything `fn` awaits. A no-op span when tracing is off.
 */
export async function inServerSpan<T>(
  name: string,
  headers: IncomingHttpHeaders,
  attributes: Attributes,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = propagation.extract(ROOT_CONTEXT, headers);
  const span = tracer().startSpan(name, { kind: SpanKind.SERVER, attributes }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => fn(span));
  } catch (error) {
    fail(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** Runs `fn` in a span of the given kind under the current one. */
export async function inSpan<T>(
  name: string,
  kind: SpanKind,
  attributes: Attributes,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  const span = tracer().startSpan(name, { kind, attributes });
  try {
    return await context.with(trace.setSpan(context.active(), span), () => fn(span));
  } catch (error) {
    fail(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** The W3C trace context headers of the current span (none when tracing is off), to send with a request. */
export function traceHeaders(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/**
 * A connector's HTTP request as a client span `<system> <operation>` (until its whole answer is read),
 * with the trace context sent along: what each call to Odoo, the WMS or the carrier looks like in a trace.
 */
export function tracedSend(
  send: HttpSend,
  url: string,
  request: HttpRequest,
  call: { system: string; operation: string },
): Promise<HttpResponse> {
  const attributes: Attributes = {
    'dg.system': call.system,
    'dg.operation': call.operation,
    'http.request.method': request.method,
    'server.address': new URL(url).host,
  };
  return inSpan(`${call.system} ${call.operation}`, SpanKind.CLIENT, attributes, async (span) => {
    const response = await send(url, { ...request, headers: { ...request.headers, ...traceHeaders() } });
    span.setAttribute('http.response.status_code', response.status);
    if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    return response;
  });
}

/** The current span's ids, for log lines; undefined outside a (recording) span. */
export function currentTraceIds(): { trace_id: string; span_id: string } | undefined {
  const span = trace.getSpan(context.active());
  if (!span?.isRecording()) return undefined;
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}
