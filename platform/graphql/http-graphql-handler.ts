import type { ApolloServer, BaseContext, ContextFunction } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Reads a request body as text, refusing bodies over `limit` bytes (the request is destroyed then: nothing
 * more is read). Listeners rather than an async iterator, and no named closures (which tsx's keepNames
 * would wrap), since every request comes through here.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (!req.destroyed) {
        reject(Object.assign(new Error('request body too large'), { status: 413 }));
        req.destroy();
      }
    });
    req.once('end', () =>
      resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')),
    );
    req.once('error', reject);
  });
}

/**
 * Serves an ApolloServer on a plain node:http request through its documented integration API
 * (`executeHTTPGraphQLRequest`), so the subgraph needs no web framework. Every answer is sent with
 * `cache-control: no-store` unless Apollo set one: an answer is for its caller only.
 */
export async function handleGraphQLRequest<C extends BaseContext>(
  server: ApolloServer<C>,
  req: IncomingMessage,
  res: ServerResponse,
  contextFor: ContextFunction<[IncomingMessage], C>,
  bodyLimit = 1_000_000,
): Promise<void> {
  const headers = new HeaderMap();
  const incoming = req.headers;
  for (const name in incoming) {
    const value = incoming[name];
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  // What `new URL(url).search` gives for a request target: from `?` on, nothing for a bare `?`.
  const search = query < 0 || query === url.length - 1 ? '' : url.slice(query);
  let body: unknown;
  if (req.method === 'POST') {
    const text = await readBody(req, bodyLimit);
    try {
      body = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          errors: [{ message: 'Body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }],
        }),
      );
      return;
    }
  }
  const result = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search, body },
    context() {
      return contextFor(req);
    },
  });
  const head: Record<string, string> = { 'cache-control': 'no-store' };
  for (const [name, value] of result.headers) head[name] = value;
  if (result.body.kind === 'complete') {
    const text = result.body.string;
    head['content-length'] = String(Buffer.byteLength(text));
    res.writeHead(result.status ?? 200, head).end(text);
    return;
  }
  res.writeHead(result.status ?? 200, head);
  for await (const chunk of result.body.asyncIterator) res.write(chunk);
  res.end();
}
