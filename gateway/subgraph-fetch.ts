import { fetch as defaultFetch, Headers, Response } from '@whatwg-node/fetch';
import { getMaxListeners, setMaxListeners } from 'node:events';
import { Readable } from 'node:stream';
import { Agent, request } from 'undici';

/**
 * The fetch the gateway's runtime calls subgraphs with. A subgraph request is a JSON POST answered by
 * one JSON body: this sends it with undici's `request` on a keep-alive pool of the gateway's own and
 * reads the answer whole, instead of through node:http under the default fetch's WHATWG layers. Those
 * layers and node:http's client were about 15% of the gateway's busy CPU on the portal page; undici
 * costs about two thirds of that. Anything else (a body that is not a string, a streamed answer such as
 * SSE or multipart) goes to the default fetch or keeps its stream. Like every subgraph call before it,
 * a redirect is an answer, never followed: subgraphs do not redirect.
 */
export interface SubgraphFetch {
  fetch: typeof globalThis.fetch;
  /** Lets the pooled connections go. */
  close(): Promise<void>;
}

/** Answers whose body is a stream of parts, passed on as a stream rather than read whole. */
const STREAMED = /text\/event-stream|multipart\//i;

/**
 * Abort listeners one signal may carry before Node warns. The runtime hands every subgraph request of a
 * gateway the same signal (its shutdown), and each request in flight listens on it until it ends: more
 * than Node's default of 10 is load, not a leak. Past this many, it would be one.
 */
export const SHARED_SIGNAL_LISTENERS = 10_000;

export function createSubgraphFetch(): SubgraphFetch {
  const agent = new Agent();
  const fetch = async (input: Parameters<typeof globalThis.fetch>[0], init: RequestInit = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : null;
    const body = init.body ?? undefined;
    if (url === null || (body !== undefined && typeof body !== 'string') || !/^https?:/.test(url))
      return defaultFetch(input, init);
    if (init.signal && getMaxListeners(init.signal) < SHARED_SIGNAL_LISTENERS)
      setMaxListeners(SHARED_SIGNAL_LISTENERS, init.signal);
    const answer = await request(url, {
      dispatcher: agent,
      method: (init.method ?? 'GET') as 'GET',
      headers: plainHeaders(init.headers),
      body,
      signal: init.signal ?? undefined,
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value === undefined) continue;
      if (typeof value === 'string') headers.append(name, value);
      else for (const one of value) headers.append(name, one);
    }
    const type = headers.get('content-type') ?? '';
    const payload = STREAMED.test(type)
      ? (Readable.toWeb(answer.body) as ReadableStream<Uint8Array>)
      : await answer.body.text();
    return new Response(payload, { status: answer.statusCode, headers });
  };
  return { fetch, close: () => agent.close() };
}

/** Hive passes a record; a Headers object or a list of entries becomes one. */
function plainHeaders(headers: RequestInit['headers']): Record<string, string> {
  if (!headers) return {};
  if (Array.isArray(headers) || typeof (headers as Headers).entries === 'function')
    return Object.fromEntries(Array.isArray(headers) ? headers : (headers as Headers).entries());
  return headers as Record<string, string>;
}
