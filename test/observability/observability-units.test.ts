/** The small parts: label capping, when tracing starts, readiness caching, cache counters read at scrape. */
import { describe, expect, it } from '@jest/globals';
import { Registry } from 'prom-client';
import { cacheMetrics } from '../../platform/observability/cache-metrics.js';
import { OperationLabels } from '../../platform/observability/operation-label.js';
import { Readiness } from '../../platform/observability/readiness.js';
import { tracingRequested } from '../../platform/observability/start-tracing.js';
import { sample } from './prometheus-text.js';

describe('OperationLabels', () => {
  it('keeps plain names up to its limit, then counts new ones as other', () => {
    const labels = new OperationLabels(2);
    expect([labels.label('A'), labels.label('B'), labels.label('C'), labels.label('A')]).toEqual([
      'A',
      'B',
      'other',
      'A',
    ]);
    expect(labels.label(undefined)).toBe('anonymous');
    expect(labels.label('not a name!')).toBe('other');
  });
});

describe('tracingRequested', () => {
  it('is off unless OTEL_TRACES_EXPORTER (not none) or an OTLP endpoint is set', () => {
    expect(tracingRequested({})).toBe(false);
    expect(tracingRequested({ OTEL_SERVICE_NAME: 'gateway' })).toBe(false);
    expect(
      tracingRequested({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }),
    ).toBe(false);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: 'otlp' })).toBe(true);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(
      true,
    );
    expect(tracingRequested({ OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'otlp' })).toBe(false);
  });
});

describe('Readiness', () => {
  it('reuses a report for cacheMs, says why a dependency failed, and is not ready once draining', async () => {
    let calls = 0;
    let up = true;
    const readiness = new Readiness({
      cacheMs: 60_000,
      timeoutMs: 50,
      checks: [
        {
          name: 'odoo',
          check: () => {
            calls += 1;
            return up ? Promise.resolve() : Promise.reject(new Error('down'));
          },
        },
        { name: 'slow', check: () => new Promise<void>(() => undefined) },
      ],
    });
    const first = await readiness.report();
    expect(first).toEqual({
      ready: false,
      draining: false,
      dependencies: { odoo: { ok: true }, slow: { ok: false, error: 'no answer within 50 ms' } },
    });
    up = false;
    expect(await readiness.report()).toBe(first);
    expect(calls).toBe(1);
    const fresh = new Readiness({
      cacheMs: 0,
      checks: [
        {
          name: 'odoo',
          check: () =>
            Promise.reject(new Error('fetch failed', { cause: new Error('connect ECONNREFUSED') })),
        },
      ],
    });
    expect((await fresh.report()).dependencies.odoo).toEqual({
      ok: false,
      error: 'fetch failed: connect ECONNREFUSED',
    });
    readiness.drain();
    expect(await readiness.report()).toEqual({ ready: false, draining: true, dependencies: {} });
  });
});

describe('cacheMetrics', () => {
  it("counts a cache's own counters at each scrape, by what they gained since", async () => {
    const registry = new Registry();
    const metrics = cacheMetrics(registry);
    const stats = { product: { hits: 3, misses: 1 } };
    const stop = metrics.trackStats('entity', () => stats);
    metrics.lookup({ cache: 'response', type: 'Query.orders', result: 'hit' });
    let text = await registry.metrics();
    expect(sample(text, 'dg_cache_lookups_total', { cache: 'entity', type: 'product', result: 'hit' })).toBe(
      3,
    );
    stats.product = { hits: 5, misses: 1 };
    text = await registry.metrics();
    expect(sample(text, 'dg_cache_lookups_total', { cache: 'entity', type: 'product', result: 'hit' })).toBe(
      5,
    );
    expect(sample(text, 'dg_cache_lookups_total', { cache: 'entity', type: 'product', result: 'miss' })).toBe(
      1,
    );
    expect(sample(text, 'dg_cache_lookups_total', { cache: 'response', result: 'hit' })).toBe(1);
    stop();
    metrics.close();
  });
});
