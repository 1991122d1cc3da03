/**
 * The fetch the gateway calls subgraphs with, over real sockets: a JSON POST answered whole, a streamed
 * answer kept as a stream, bodies it does not send itself handed to the default fetch, and failures
 * (aborted, refused) surfacing as fetch's would, so Hive's executor reads them the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getMaxListeners } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createSubgraphFetch,
  SHARED_SIGNAL_LISTENERS,
  type SubgraphFetch,
} from '../../gateway/subgraph-fetch.js';

describe('the gateway’s subgraph fetch', () => {
  let server: Server;
  let base: string;
  let subgraphFetch: SubgraphFetch;
  let seen: { method?: string; headers: IncomingHttpHeaders; body: string } | undefined;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        seen = { method: req.method, headers: req.headers, body };
        if (req.url === '/events') {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.write('event: next\ndata: {"data":{"n":1}}\n\n');
          setTimeout(() => res.end('event: complete\ndata:\n\n'), 50);
        } else if (req.url === '/slow') {
          setTimeout(() => res.end('{}'), 500);
        } else {
          res.writeHead(req.url === '/error' ? 502 : 200, {
            'content-type': 'application/graphql-response+json; charset=utf-8',
            'set-cookie': ['a=1', 'b=2'],
          });
          res.end(JSON.stringify({ data: { echo: body } }));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    subgraphFetch = createSubgraphFetch();
  });

  afterAll(async () => {
    await subgraphFetch.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('lets one shared signal carry more requests in flight than Node warns about', async () => {
    // Jest hands tests a copy of `process`, so Node's warning itself cannot be heard here: the limit
    // it is measured against is checked instead.
    const shared = new AbortController().signal;
    expect(getMaxListeners(shared)).toBe(10);
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, n) =>
        subgraphFetch.fetch(`${base}/graphql`, { method: 'POST', body: `{"n":${n}}`, signal: shared }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 30 }, () => 200));
    expect(getMaxListeners(shared)).toBe(SHARED_SIGNAL_LISTENERS);
  });

  it('sends the method, headers and body, and answers status, headers and JSON as fetch does', async () => {
    const response = await subgraphFetch.fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dg-identity': 'token' },
      body: '{"query":"{a}"}',
    });
    expect(seen).toMatchObject({
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dg-identity': 'token' },
      body: '{"query":"{a}"}',
    });
    expect(response.status).toBe(200);
    expect(response.ok).toBe(true);
    expect(response.headers.get('content-type')).toBe('application/graphql-response+json; charset=utf-8');
    expect(response.headers.get('set-cookie')).toContain('a=1');
    expect(await response.json()).toEqual({ data: { echo: '{"query":"{a}"}' } });
  });

  it('takes headers as a Headers object or as entries', async () => {
    await subgraphFetch.fetch(`${base}/graphql`, {
      method: 'POST',
      headers: new Headers({ 'x-one': '1' }),
      body: 'a',
    });
    expect(seen?.headers['x-one']).toBe('1');
    await subgraphFetch.fetch(`${base}/graphql`, { method: 'POST', headers: [['x-two', '2']], body: 'b' });
    expect(seen?.headers['x-two']).toBe('2');
  });

  it('answers an error status as an answer, not a failure', async () => {
    const response = await subgraphFetch.fetch(`${base}/error`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(502);
    expect(response.ok).toBe(false);
    expect(await response.text()).toBe('{"data":{"echo":"{}"}}');
  });

  it('keeps a streamed answer a stream: the first event is readable before the answer ends', async () => {
    const response = await subgraphFetch.fetch(`${base}/events`, { method: 'GET' });
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('"n":1');
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      rest += new TextDecoder().decode(chunk.value);
    expect(rest).toContain('event: complete');
  });

  it('hands a body it does not send itself (a stream) to the default fetch', async () => {
    const body = new Blob(['streamed']).stream();
    const response = await subgraphFetch.fetch(`${base}/graphql`, {
      method: 'POST',
      body,
      duplex: 'half',
    } as RequestInit);
    expect(seen?.body).toBe('streamed');
    expect(response.status).toBe(200);
  });

  it('rejects with the signal’s reason when the signal aborts', async () => {
    const call = subgraphFetch.fetch(`${base}/slow`, {
      method: 'POST',
      body: '{}',
      signal: AbortSignal.timeout(30),
    });
    await expect(call).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('rejects when the subgraph cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(
      subgraphFetch.fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', body: '{}' }),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
