import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted and `null`/`undefined` members dropped, so that two requests meaning the
 * same thing (fields in another order, an optional field sent as null or left out) read the same.
 * Array order is kept: it is part of the meaning (e.g. order lines).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => canonical(item ?? null));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, member]) => member !== null && member !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, member]) => [key, canonical(member)]);
  return Object.fromEntries(entries);
}

/** SHA-256 (hex) of a value's canonical JSON: the fingerprint an idempotency key is bound to. */
export function fingerprintOf(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
