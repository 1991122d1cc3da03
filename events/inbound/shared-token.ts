import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The header an unsigned source (Odoo) presents its shared token in; `?token=` works too. */
export const WEBHOOK_TOKEN_HEADER = 'x-dg-webhook-token';

/**
 * Whether the request carries `expected` in the header or the query. Both sides are hashed first so
 * that the constant-time compare also hides the token's length.
 */
export function hasSharedToken(req: IncomingMessage, expected: string): boolean {
  const header = req.headers[WEBHOOK_TOKEN_HEADER];
  const query = new URL(req.url ?? '/', 'http://receiver').searchParams.get('token');
  const given = (Array.isArray(header) ? header[0] : header) ?? query;
  if (!given) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
