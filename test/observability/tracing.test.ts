/**
 * Issue 9, part 2: one trace from the gateway through a subgraph to the Odoo call it makes, W3C trace
 * context continued at each hop; a caller's `traceparent` is continued; log lines carry the trace id.
 * Spans go to an in-memory exporter; the stack runs without Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Writable } from 'node:stream';
import { DEMO_INTERNAL_API_KEY } from '../../gateway/auth/demo-api-keys.js';
import { createLogger } from '../../platform/logger.js';
import { inSpan } from '../../platform/observability/spans.js';
import { startTracing, stopTracing } from '../../platform/observability/start-tracing.js';
import { startEmbeddedStack, type EmbeddedStack } from '../../stack/embedded-stack.js';

const logger = createLogger({ name: 'test-tracing', level: 'silent' });
const exporter = new InMemorySpanExporter();

async function query(stack: EmbeddedStack, headers: Record<string, string> = {}) {
  const response = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${DEMO_INTERNAL_API_KEY}`,
      ...headers,
    },
    body: JSON.stringify({ query: 'query Warehouses { warehouses { code } }' }),
  });
  expect(response.status).toBe(200);
  expect((await response.json()).data.warehouses.length).toBeGreaterThan(0);
}

/** The span's ancestors in `spans`, nearest first. */
function ancestors(span: ReadableSpan, spans: readonly ReadableSpan[]): ReadableSpan[] {
  const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
  const chain: ReadableSpan[] = [];
  for (let parent = byId.get(span.parentSpanContext?.spanId ?? ''); parent;) {
    chain.push(parent);
    parent = byId.get(parent.parentSpanContext?.spanId ?? '');
  }
  return chain;
}

describe('one trace from the gateway to Odoo', () => {
  let stack: EmbeddedStack;

  beforeAll(async () => {
    startTracing({ exporter, serviceName: 'test', immediate: true });
    stack = await startEmbeddedStack({ logger });
  });

  afterAll(async () => {
    await stack?.close();
    await stopTracing();
  });

  it('shares one trace id across the gateway span, the subgraph span and the Odoo call span', async () => {
    exporter.reset();
    await query(stack);
    const spans = exporter.getFinishedSpans();
    const gateway = spans.find((s) => s.kind === SpanKind.SERVER && s.attributes['dg.service'] === 'gateway');
    expect(gateway).toBeDefined();
    expect(gateway!.parentSpanContext).toBeUndefined();
    expect(gateway!.attributes['graphql.operation.name']).toBe('Warehouses');
    const traceId = gateway!.spanContext().traceId;
    const inTrace = spans.filter((s) => s.spanContext().traceId === traceId);
    const subgraph = inTrace.find(
      (s) => s.kind === SpanKind.SERVER && s.attributes['dg.service'] === 'inventory',
    );
    const odoo = inTrace.find(
      (s) =>
        s.kind === SpanKind.CLIENT &&
        s.attributes['dg.system'] === 'odoo' &&
        s.name.includes('stock.warehouse'),
    );
    expect(subgraph).toBeDefined();
    expect(odoo).toBeDefined();
    // Odoo call ← subgraph server span ← gateway fetch (client) span ← … ← gateway server span.
    const odooAncestors = ancestors(odoo!, inTrace);
    expect(odooAncestors).toContain(subgraph);
    const fetchSpan = ancestors(subgraph!, inTrace)[0]!;
    expect(fetchSpan.kind).toBe(SpanKind.CLIENT);
    expect(ancestors(fetchSpan, inTrace).at(-1)).toBe(gateway);
    expect(ancestors(fetchSpan, inTrace).map((s) => s.name)).toContain('subgraph inventory');
  });

  it("continues the caller's W3C trace context", async () => {
    exporter.reset();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await query(stack, { traceparent: `00-${traceId}-00f067aa0ba902b7-01` });
    const gateway = exporter
      .getFinishedSpans()
      .find((s) => s.kind === SpanKind.SERVER && s.attributes['dg.service'] === 'gateway');
    expect(gateway!.spanContext().traceId).toBe(traceId);
    expect(gateway!.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    const odoo = exporter.getFinishedSpans().filter((s) => s.attributes['dg.system'] === 'odoo');
    expect(odoo.length).toBeGreaterThan(0);
    for (const span of odoo) expect(span.spanContext().traceId).toBe(traceId);
  });

  it('puts the trace and span ids in log lines written inside a span', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const log = createLogger({ name: 'traced', level: 'info', destination });
    let ids: { traceId: string; spanId: string } | undefined;
    await inSpan('work', SpanKind.INTERNAL, {}, (span) => {
      ids = span.spanContext();
      log.info('inside');
      return Promise.resolve();
    });
    log.info('outside');
    const [inside, outside] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(inside).toMatchObject({ msg: 'inside', trace_id: ids!.traceId, span_id: ids!.spanId });
    expect(outside).not.toHaveProperty('trace_id');
  });
});
