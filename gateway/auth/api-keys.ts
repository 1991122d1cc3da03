/**
 * API keys: `dg_<prefix>_<secret>`. The prefix is public and finds the record; only the SHA-256 of the
 * whole key is stored, and it is compared in constant time, so a leaked store does not leak keys and a
 * timing probe learns nothing about the secret.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { principalSchema, type Principal } from '../../platform/auth/principal.js';

const KEY_PATTERN = /^dg_([a-z0-9]+(?:_[a-z0-9]+)*)_([A-Za-z0-9]{16,128})$/;

/** One stored key: never the key itself. */
export const apiKeyRecordSchema = z.object({
  /** The public part between `dg_` and the last `_`, unique per key; used for lookup and in logs. */
  prefix: z.string().regex(/^[a-z0-9]+(?:_[a-z0-9]+)*$/, 'lowercase letters, digits and single underscores'),
  /** Lowercase hex SHA-256 of the whole key string. */
  hash: z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits (SHA-256 of the key)'),
  /** Who the key acts for. */
  principal: principalSchema,
  /** A human label for the key (owner, purpose), for audit. */
  name: z.string().min(1),
});

export type ApiKeyRecord = z.infer<typeof apiKeyRecordSchema>;

/** Looks up the principal behind a presented key; a Redis-backed store will implement the same. */
export interface ApiKeyStore {
  /** The principal for `key`, or null when the key is malformed, unknown or wrong. */
  authenticate(key: string): Promise<Principal | null>;
  /** The prefixes of every configured key, for boot-time checks and the start-up summary. */
  prefixes(): Promise<string[]>;
}

/** Lowercase hex SHA-256 of a key, as stored in {@link ApiKeyRecord.hash}. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The public prefix of a well-formed key, or null. */
export function apiKeyPrefix(key: string): string | null {
  return KEY_PATTERN.exec(key)?.[1] ?? null;
}

/** An {@link ApiKeyStore} over records held in memory (loaded from a file or the demo keys). */
export class InMemoryApiKeyStore implements ApiKeyStore {
  private readonly byPrefix = new Map<string, ApiKeyRecord>();

  constructor(records: readonly ApiKeyRecord[]) {
    for (const record of records) {
      const valid = apiKeyRecordSchema.parse(record);
      if (this.byPrefix.has(valid.prefix)) throw new Error(`Duplicate API key prefix "${valid.prefix}"`);
      this.byPrefix.set(valid.prefix, valid);
    }
  }

  authenticate(key: string): Promise<Principal | null> {
    const prefix = apiKeyPrefix(key);
    const record = prefix === null ? undefined : this.byPrefix.get(prefix);
    if (!record) return Promise.resolve(null);
    const presented = Buffer.from(hashApiKey(key), 'hex');
    const stored = Buffer.from(record.hash, 'hex');
    return Promise.resolve(timingSafeEqual(presented, stored) ? record.principal : null);
  }

  prefixes(): Promise<string[]> {
    return Promise.resolve([...this.byPrefix.keys()]);
  }
}
