import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_INTERNAL_API_KEY } from '../../gateway/auth/demo-api-keys.js';
import { SANDBOX_SCRIPT_URL } from '../../gateway/landing-page.js';
import { startTestGraph, type TestGraph } from './support/start-test-graph.js';

let graph: TestGraph;

beforeAll(async () => {
  graph = await startTestGraph({ corsOrigins: ['https://portal.example.com'] });
});
afterAll(() => graph.close());

function preflight(origin: string) {
  return fetch(graph.gateway.url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization',
    },
  });
}

describe('gateway endpoints', () => {
  it('serves Apollo Sandbox to browsers at /graphql and /, linking GraphiQL', async () => {
    for (const path of ['/graphql', '/']) {
      const response = await fetch(`${graph.origin}${path}`, { headers: { accept: 'text/html' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      const html = await response.text();
      expect(html).toContain(`<script src="${SANDBOX_SCRIPT_URL}"></script>`);
      expect(html).toContain(`"initialEndpoint":"${graph.gateway.url}"`);
      expect(html).toContain('href="/graphiql"');
    }
  });

  it('serves GraphiQL at /graphiql, pointed at /graphql', async () => {
    const response = await fetch(`${graph.origin}/graphiql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('"endpoint":"/graphql"');
  });

  it('is alive at /healthz', async () => {
    const response = await fetch(`${graph.origin}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('allows a configured origin, without credentials', async () => {
    const response = await preflight('https://portal.example.com');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://portal.example.com');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    const actual = await fetch(graph.gateway.url, {
      method: 'POST',
      headers: {
        origin: 'https://portal.example.com',
        'content-type': 'application/json',
        'x-api-key': DEMO_INTERNAL_API_KEY,
      },
      body: JSON.stringify({ query: '{ warehouseCount }' }),
    });
    expect(actual.headers.get('access-control-allow-origin')).toBe('https://portal.example.com');
    expect(actual.headers.get('access-control-expose-headers')).toBe('x-correlation-id');
  });

  it('gives any other origin no CORS headers', async () => {
    const response = await preflight('https://evil.example');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('is ready at /readyz while every subgraph answers, 503 naming the one that does not', async () => {
    const ready = await fetch(`${graph.origin}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      subgraphs: [
        { name: 'catalog', url: graph.catalog.url, ok: true },
        { name: 'stock', url: graph.stock.url, ok: true },
      ],
    });
    await graph.stock.close();
    const notReady = await fetch(`${graph.origin}/readyz`);
    expect(notReady.status).toBe(503);
    const body = await notReady.json();
    expect(body.status).toBe('not ready');
    expect(body.subgraphs[0]).toEqual({ name: 'catalog', url: graph.catalog.url, ok: true });
    expect(body.subgraphs[1]).toEqual({
      name: 'stock',
      url: graph.stock.url,
      ok: false,
      error: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it('masks a subgraph that is down (after /readyz stopped it)', async () => {
    const response = await fetch(graph.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': DEMO_INTERNAL_API_KEY },
      body: JSON.stringify({ query: '{ warehouseCount }' }),
    });
    // The whole response: no `data` at all (the Rust planner's runtime omits it), the error masked.
    expect(await response.json()).toEqual({
      errors: [
        {
          message: 'Unexpected error.',
          path: ['warehouseCount'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ],
    });
  });
});
