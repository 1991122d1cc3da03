import { z } from 'zod';
import { principalSchema } from './principal.js';

const isoInstant = z.iso.datetime();

/** One stored key: never the key itself. Timestamps are ISO 8601 in UTC. */
export const apiKeyRecordSchema = z.object({
  /** The public part between `dg_` and the last `_`, unique per key; used for lookup and in logs. */
  prefix: z.string().regex(/^[a-z0-9]+(?:_[a-z0-9]+)*$/, 'lowercase letters, digits and single underscores'),
  /** Lowercase hex SHA-256 of the whole key string. */
  hash: z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits (SHA-256 of the key)'),
  /** Who the key acts for. */
  principal: principalSchema,
  /** A human label for the key (owner, purpose), for audit. */
  name: z.string().min(1),
  /** When the key was created; unknown for keys from a file. */
  createdAt: isoInstant.optional(),
  /** After this instant the key is refused; none = no expiry. */
  expiresAt: isoInstant.optional(),
  /** When the key last authenticated a request (written at most once a minute). */
  lastUsedAt: isoInstant.optional(),
  /** When the key was revoked; a revoked key is refused at once. */
  revokedAt: isoInstant.optional(),
});

export type ApiKeyRecord = z.infer<typeof apiKeyRecordSchema>;

/** What may be shown about a key: everything but its hash. */
export type ApiKeyInfo = Omit<ApiKeyRecord, 'hash'>;

export function infoOf(record: ApiKeyRecord): ApiKeyInfo {
  const { hash: _hash, ...info } = record;
  return info;
}

/** Whether the record may authenticate at `now` (not revoked, not expired). */
export function isUsable(record: ApiKeyRecord, now: number): boolean {
  if (record.revokedAt !== undefined) return false;
  return record.expiresAt === undefined || Date.parse(record.expiresAt) > now;
}
