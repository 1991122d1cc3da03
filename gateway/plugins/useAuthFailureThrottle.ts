import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { errorCatalogue } from '../../platform/graphql/error-catalogue.js';
import type { Logger } from '../../platform/logger.js';
import type { BucketSpec, TokenBuckets } from '../../platform/rate-limit/token-buckets.js';
import { clientAddressOf } from '../client-address.js';

export interface AuthFailureThrottleOptions {
  /** Where failures are counted (Redis, or memory for a single gateway). Required. */
  buckets: TokenBuckets;
  /** Wrong credentials a client address may present. Default 10, refilled at 10 per minute. */
  failures?: BucketSpec;
  /** Where throttled addresses are logged. Default none. */
  logger?: Logger;
  /**
   * Paths whose POST carries a credential in its body rather than a header (the operations page's
   * sign-in): a wrong key there is a guess like any other. Default none.
   */
  signInPaths?: readonly string[];
  /** Told of each refused request (e.g. to audit it). Default none. */
  onThrottled?: (refused: { clientAddress: string; request: Request; retryAfterSeconds: number }) => unknown;
}

export const DEFAULT_AUTH_FAILURES: BucketSpec = { capacity: 10, refillPerSecond: 10 / 60 };

function presentsCredential(request: Request, path: string, signInPaths: readonly string[]): boolean {
  if (request.headers.has('authorization') || request.headers.has('x-api-key')) return true;
  return request.method === 'POST' && signInPaths.includes(path);
}

/**
 * Throttles guessing of credentials over HTTP: each 401 answered to a request that presented a credential
 * spends one token of its client address's bucket; an address with an empty bucket is refused with
 * RATE_LIMITED, 429 and `Retry-After` before its credential is looked at again. Register it before
 * authentication and before the sign-in paths' handler.
 */
export function useAuthFailureThrottle(options: AuthFailureThrottleOptions): GatewayPlugin {
  const spec = options.failures ?? DEFAULT_AUTH_FAILURES;
  const signInPaths = options.signInPaths ?? [];
  const addresses = new WeakMap<Request, string>();
  return {
    async onRequest(payload) {
      const { request, url, serverContext, fetchAPI } = payload;
      if (!presentsCredential(request, url.pathname, signInPaths)) return;
      const clientAddress = clientAddressOf(serverContext);
      addresses.set(request, clientAddress);
      const check = await options.buckets.take(`authfail:${clientAddress}`, 1, spec, { dryRun: true });
      if (check.allowed) return;
      const seconds = check.retryAfterSeconds;
      options.logger?.warn({ clientAddress, retryAfterSeconds: seconds }, 'too many wrong credentials');
      await options.onThrottled?.({ clientAddress, request, retryAfterSeconds: seconds });
      const message = `Too many failed authentications from this address; retry in ${seconds} s.`;
      payload.endResponse(
        fetchAPI.Response.json(
          { errors: [{ message, extensions: { code: 'RATE_LIMITED', retryAfterSeconds: seconds } }] },
          { status: errorCatalogue.RATE_LIMITED.httpStatus, headers: { 'Retry-After': String(seconds) } },
        ),
      );
    },
    async onResponse({ request, response }) {
      const clientAddress = addresses.get(request);
      if (response.status !== 401 || clientAddress === undefined) return;
      await options.buckets.take(`authfail:${clientAddress}`, 1, spec);
    },
  };
}
