/** Transport checks at the gateway: CSRF-safe content types, body size, declared length. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request } from 'node:http';
import { DEMO_INTERNAL_API_KEY } from '../../gateway/auth/demo-api-keys.js';
import { post } from '../gateway/support/gateway-client.js';
import { startTestGraph, type TestGraph } from '../gateway/support/start-test-graph.js';

describe('request guard', () => {
  let graph: TestGraph;
  const auth = { authorization: `Bearer ${DEMO_INTERNAL_API_KEY}` };
  const subgraphRequests = () => graph.catalog.httpHeaders.length + graph.stock.httpHeaders.length;
  const raw = async (contentType: string, body: string, extra: Record<string, string> = {}) => {
    const response = await fetch(graph.gateway.url, {
      method: 'POST',
      headers: { ...auth, 'content-type': contentType, ...extra },
      body,
    });
    return { status: response.status, body: await response.json() };
  };

  beforeAll(async () => {
    graph = await startTestGraph({ maxBodyBytes: 2_000 });
  });
  afterAll(() => graph.close());

  it('serves a JSON POST', async () => {
    expect((await post(graph.gateway.url, '{ warehouseCount }', auth)).body).toEqual({
      data: { warehouseCount: 2 },
    });
  });

  it.each([
    ['text/plain', JSON.stringify({ query: 'mutation { rename(sku: "SKU-1", name: "x") { sku } }' })],
    [
      'application/x-www-form-urlencoded',
      'query=mutation%20%7B%20rename(sku%3A%22SKU-1%22%2C%20name%3A%22x%22)%20%7B%20sku%20%7D%20%7D',
    ],
    [
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"{ warehouseCount }"}\r\n--x--',
    ],
  ])('refuses a %s POST without a preflight header (CSRF), calling no subgraph', async (type, body) => {
    const before = subgraphRequests();
    const response = await raw(type, body);
    expect(response.status).toBe(415);
    expect(response.body.errors[0].extensions).toEqual({ code: 'REQUEST_REFUSED' });
    expect(subgraphRequests()).toBe(before);
  });

  it('refuses a body over the limit with 413 before reading it', async () => {
    const query = `{ warehouseCount ${' '.repeat(3_000)} }`;
    const response = await raw('application/json', JSON.stringify({ query }));
    expect(response.status).toBe(413);
    expect(response.body.errors[0]).toEqual({
      message: 'The request body is larger than 2000 bytes.',
      extensions: { code: 'REQUEST_REFUSED' },
    });
  });

  it('refuses a chunked POST that does not declare its length with 411', async () => {
    const url = new URL(graph.gateway.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ query: '{ warehouseCount }' }));
    });
    expect(status).toBe(411);
  });
});
