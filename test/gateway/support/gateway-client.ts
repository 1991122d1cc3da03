import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface HttpResult {
  status: number;
  headers: Headers;
  body: any;
}

/** POSTs a GraphQL request to the gateway with `headers`. */
export async function post(
  url: string,
  query: string,
  headers: Record<string, string> = {},
  variables: Record<string, unknown> = {},
): Promise<HttpResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** GETs a GraphQL request, query in the URL. */
export async function get(
  url: string,
  query: string,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  const response = await fetch(`${url}?query=${encodeURIComponent(query)}`, {
    headers: { accept: 'application/json', ...headers },
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** Runs a subscription over graphql-ws and collects every result until it completes. */
export async function subscribe(
  url: string,
  query: string,
  connectionParams: Record<string, unknown>,
): Promise<unknown[]> {
  const client = createClient({
    url: url.replace('http://', 'ws://'),
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
  });
  const results: unknown[] = [];
  try {
    for await (const result of client.iterate({ query })) results.push(result);
  } catch (error) {
    results.push({ thrown: error });
  } finally {
    await client.dispose();
  }
  return results;
}
