/**
 * API keys: `dg_<prefix>_<secret>`. The prefix is public and finds the record; only the SHA-256 of the
 * whole key is stored, and it is compared in constant time, so a leaked store does not leak keys and a
 * timing probe learns nothing about the secret.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

const KEY_PATTERN = /^dg_([a-z0-9]+(?:_[a-z0-9]+)*)_([A-Za-z0-9]{16,128})$/;
const PREFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** Length of a generated prefix (36^10 ≈ 3.7e15 possibilities: collisions are retried anyway). */
const PREFIX_LENGTH = 10;

/** Lowercase hex SHA-256 of a key, as stored. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The public prefix of a well-formed key, or null. */
export function apiKeyPrefix(key: string): string | null {
  return KEY_PATTERN.exec(key)?.[1] ?? null;
}

/** Whether `key` hashes to `storedHash`, compared in constant time. */
export function apiKeyMatches(key: string, storedHash: string): boolean {
  const presented = Buffer.from(hashApiKey(key), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** A random prefix that never starts with `demo` (production refuses those). */
export function generatePrefix(): string {
  for (;;) {
    let prefix = '';
    for (let i = 0; i < PREFIX_LENGTH; i++) prefix += PREFIX_ALPHABET[randomInt(PREFIX_ALPHABET.length)];
    if (!prefix.startsWith('demo')) return prefix;
  }
}

/** A new key for `prefix`: 256 random bits as 64 hex digits. */
export function generateApiKey(prefix: string): string {
  return `dg_${prefix}_${randomBytes(32).toString('hex')}`;
}
