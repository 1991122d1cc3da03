import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { CheckedAddress } from './url-policy.js';

/** What the endpoint answered: its status, or why there was no answer. */
export type PostResult =
  | { kind: 'answered'; statusCode: number; durationMs: number }
  | { kind: 'failed'; error: string; durationMs: number };

export interface PostWebhookOptions {
  url: URL;
  /** The checked address to connect to, whatever DNS says by now (no rebinding between check and connect). */
  address: CheckedAddress;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/** A `lookup` that answers the pinned address, in the shape the caller asked for. */
function pinnedLookup(address: CheckedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: address.address, family: address.family }]);
    else callback(null, address.address, address.family);
  };
}

/**
 * POSTs the body once, connecting to `address` (TLS still verifies the certificate for the URL's host).
 * Redirects are not followed: a 3xx is just a status. The whole exchange, body included, must end within
 * `timeoutMs`; the answer's body is read (to free the socket) and dropped.
 */
export function postWebhook(options: PostWebhookOptions): Promise<PostResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const request = options.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = request(options.url, {
      method: 'POST',
      headers: {
        ...options.headers,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(options.body)),
        'user-agent': 'DistributionGraph-Webhooks/1',
      },
      lookup: pinnedLookup(options.address),
      signal: AbortSignal.timeout(options.timeoutMs),
      // A keep-alive pool would reuse a socket opened to an address checked for another delivery.
      agent: false,
    });
    req.on('response', (res: IncomingMessage) => {
      res.on('data', () => undefined);
      res.on('end', () =>
        resolve({ kind: 'answered', statusCode: res.statusCode ?? 0, durationMs: elapsed() }),
      );
      res.on('error', (error) => resolve({ kind: 'failed', error: messageOf(error), durationMs: elapsed() }));
    });
    req.on('error', (error) => resolve({ kind: 'failed', error: messageOf(error), durationMs: elapsed() }));
    req.end(options.body);
  });
}

function messageOf(error: Error): string {
  if (error.name === 'AbortError' || error.name === 'TimeoutError') return 'timed out';
  const code = (error as NodeJS.ErrnoException).code;
  return code ? `${code}: ${error.message}` : error.message;
}
