import ipaddr from 'ipaddr.js';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { z } from 'zod';
import { WebhookError } from './webhook-errors.js';

/** Which endpoint URLs are allowed. */
export interface UrlPolicy {
  /** `production` requires https; `demo` also allows http. */
  mode: 'demo' | 'production';
  /** Whether loopback addresses are allowed (demo mode and tests, whose receivers listen on 127.0.0.1). */
  allowLoopback: boolean;
}

/** An address the URL's host resolved to and that passed the policy: the one to connect to. */
export interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * The shape of an endpoint URL: absolute http(s), no credentials (they would be stored and logged with
 * the URL), no fragment, at most 2048 characters. Whether http is allowed depends on the mode.
 */
export const endpointUrlSchema = z
  .url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL', abort: true })
  .max(2048)
  .refine((url) => {
    const parsed = new URL(url);
    return parsed.username === '' && parsed.password === '';
  }, 'must not carry a user name or password')
  .refine((url) => new URL(url).hash === '', 'must not carry a #fragment');

/**
 * Only globally routable unicast addresses pass (plus loopback when allowed): private, link-local
 * (169.254/16 and fe80::/10, where cloud metadata lives), unique-local, multicast, unspecified, reserved,
 * carrier-grade NAT and the IPv6 ranges that embed IPv4 addresses are refused. IPv4-mapped IPv6
 * addresses are judged as the IPv4 address they map.
 */
export function addressAllowed(address: string, policy: UrlPolicy): boolean {
  if (!ipaddr.isValid(address)) return false;
  const range = ipaddr.process(address).range();
  return range === 'unicast' || (range === 'loopback' && policy.allowLoopback);
}

/** Refuses a URL whose scheme the mode does not allow. */
export function checkScheme(url: URL, policy: UrlPolicy): void {
  if (policy.mode === 'production' && url.protocol !== 'https:')
    throw new WebhookError('URL_NOT_ALLOWED', 'Endpoint URLs must use https in production.', [
      { path: 'url', message: 'must use https' },
    ]);
}

/**
 * Resolves the URL's host and returns the addresses to connect to; refuses the URL when any address is
 * not allowed (a host that resolves to one public and one private address could be steered to the
 * private one), or when the host does not resolve. Called at registration and before every delivery.
 */
export async function resolveAllowedAddresses(url: URL, policy: UrlPolicy): Promise<CheckedAddress[]> {
  checkScheme(url, policy);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: CheckedAddress[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) as 4 | 6 }];
  else {
    try {
      const found = await lookup(host, { all: true, verbatim: true });
      addresses = found.map((a) => ({ address: a.address, family: a.family as 4 | 6 }));
    } catch (error) {
      throw new WebhookError('URL_NOT_ALLOWED', `The host ${host} does not resolve.`, [
        {
          path: 'url',
          message: `host does not resolve (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        },
      ]);
    }
  }
  const refused = addresses.filter((a) => !addressAllowed(a.address, policy));
  if (addresses.length === 0 || refused.length > 0)
    throw new WebhookError(
      'URL_NOT_ALLOWED',
      `The host ${host} resolves to an address that may not receive webhooks (${refused.map((a) => a.address).join(', ') || 'none'}).`,
      [
        {
          path: 'url',
          message: 'resolves to a private, loopback, link-local or otherwise non-public address',
        },
      ],
    );
  return addresses;
}
