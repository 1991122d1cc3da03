import { Agent, request } from 'undici';

/**
 * The connectors' HTTP sender, on undici's `request` rather than the global fetch: a connector call
 * needs a status, a few headers and the body as text, and fetch's WHATWG layers (Request/Response
 * objects, web streams, header guards) cost about twice the CPU of the request itself. One keep-alive
 * Agent per client keeps each system's connections apart.
 */

/** One request as a connector sends it: the body already serialised, the signal bounding the whole exchange. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

/** An answer read whole. Header names are lower-case; redirects are answers, never followed. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * Sends one request and reads the whole answer. It rejects with the signal's reason when the signal
 * aborts (a `TimeoutError` or `AbortError` DOMException) and with an {@link HttpConnectionError} when
 * the exchange itself fails. Connectors take one so that tests can wrap or replace it.
 */
export type HttpSend = (url: string, request: HttpRequest) => Promise<HttpResponse>;

/** The server could not be reached or the exchange broke off (refused, reset, DNS, TLS, malformed answer). */
export class HttpConnectionError extends Error {
  /** The system or undici code when there is one: `ECONNREFUSED`, `ENOTFOUND`, `UND_ERR_SOCKET`... */
  readonly code: string | undefined;

  constructor(cause: unknown) {
    const code = (cause as { code?: unknown } | null)?.code;
    super(cause instanceof Error ? cause.message : 'connection failed', { cause });
    this.name = 'HttpConnectionError';
    this.code = typeof code === 'string' ? code : undefined;
  }
}

/** A sender with the connections it keeps open; `close` lets them go. */
export interface HttpClient {
  send: HttpSend;
  close: () => Promise<void>;
}

/** undici's codes for a call made wrongly (bad URL, header, method): our bug, not the network's. */
const CALLER_ERRORS = new Set(['ERR_INVALID_URL', 'UND_ERR_INVALID_ARG', 'UND_ERR_NOT_SUPPORTED']);

/** A sender with its own keep-alive connection pool, for one connector client. */
export function createHttpClient(): HttpClient {
  const agent = new Agent();
  const send: HttpSend = async (url, init) => {
    try {
      const answer = await request(url, {
        dispatcher: agent,
        method: init.method,
        headers: init.headers,
        body: init.body,
        signal: init.signal,
      });
      return { status: answer.statusCode, headers: answer.headers, text: await answer.body.text() };
    } catch (error) {
      // The signal's reason as it is, so that a timeout reads as a timeout whatever stage undici was at.
      if (init.signal.aborted) throw init.signal.reason;
      const code = (error as { code?: unknown } | null)?.code;
      if (typeof code === 'string' && CALLER_ERRORS.has(code)) throw error;
      throw new HttpConnectionError(error);
    }
  };
  return { send, close: () => agent.close() };
}

/**
 * A connector client's sender: the one its caller gave (the caller owns it, so there is nothing to
 * close), or else a pool of its own from {@link createHttpClient}.
 */
export function httpClientFor(send: HttpSend | undefined): HttpClient {
  return send ? { send, close: () => Promise.resolve() } : createHttpClient();
}

/** A header's value as one string (repeated headers joined), or null. */
export function headerValue(headers: HttpResponse['headers'], name: string): string | null {
  const value = headers[name.toLowerCase()];
  if (value === undefined) return null;
  return typeof value === 'string' ? value : value.join(', ');
}

/**
 * Whether `error` says the server was unreachable: ours, or fetch's `TypeError: fetch failed` from a
 * sender built on fetch. Checked by name, not `instanceof`: errors may come from another realm (jest's vm).
 */
export function isConnectionFailure(error: { name: string; message: string }): boolean {
  return (
    error.name === 'HttpConnectionError' || (error.name === 'TypeError' && error.message === 'fetch failed')
  );
}

/** The network code of a connection failure (`ECONNREFUSED`...), ours or fetch's (on its `cause`). */
export function connectionFailureCode(error: { code?: unknown; cause?: unknown }): string | undefined {
  if (typeof error.code === 'string') return error.code;
  const code = (error.cause as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Runs `fn` with a signal that aborts when any of `parents` does (with its reason) or after
 * `timeoutMs` (with a `TimeoutError` DOMException, as `AbortSignal.timeout` does). It does what
 * `AbortSignal.any([...parents, AbortSignal.timeout(ms)])` does at a fifth of the cost on Node 20:
 * one controller, a timer cleared when `fn` settles, and no weak references left for the GC.
 */
export async function withDeadline<T>(
  parents: readonly AbortSignal[],
  timeoutMs: number,
  fn: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
  }, timeoutMs);
  // Like AbortSignal.timeout's, the timer alone does not keep the process alive.
  timer.unref();
  const following: Set<AbortController>[] = [];
  for (const parent of parents) {
    if (parent.aborted) controller.abort(parent.reason);
    else following.push(followersOf(parent).add(controller));
  }
  try {
    return await fn(controller.signal);
  } finally {
    clearTimeout(timer);
    for (const followers of following) followers.delete(controller);
  }
}

/**
 * The controllers in flight under a parent signal, which aborts them all. One listener per parent
 * however many calls share it (a caller's signal, or the policies' never-aborted one): a listener per
 * call would pass EventTarget's limit of 10 and warn of a leak.
 */
const followers = new WeakMap<AbortSignal, Set<AbortController>>();

function followersOf(parent: AbortSignal): Set<AbortController> {
  let set = followers.get(parent);
  if (!set) {
    const inFlight = new Set<AbortController>();
    parent.addEventListener(
      'abort',
      () => {
        for (const controller of inFlight) controller.abort(parent.reason);
        inFlight.clear();
      },
      { once: true },
    );
    followers.set(parent, (set = inFlight));
  }
  return set;
}
