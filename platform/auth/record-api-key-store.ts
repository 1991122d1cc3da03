import { ApiKeyError } from './api-key-error.js';
import {
  apiKeyRecordSchema,
  infoOf,
  isUsable,
  type ApiKeyInfo,
  type ApiKeyRecord,
} from './api-key-record.js';
import type { ApiKeyStore, IssuedApiKey } from './api-key-store.js';
import { apiKeyMatches, apiKeyPrefix, generateApiKey, generatePrefix, hashApiKey } from './api-key.js';
import { parseNewApiKey, type NewApiKey } from './new-api-key.js';
import type { Principal } from './principal.js';

/** Options every store shares. */
export interface RecordApiKeyStoreOptions {
  /** The clock, in ms since the epoch. Default `Date.now`. */
  now?: () => number;
  /** `lastUsedAt` is written at most this often per key, so a hot key does not write per request. Default 60 s. */
  lastUsedIntervalMs?: number;
}

/** The key rules (format, hashing, expiry, revocation, rotation) over a storage of records. */
export abstract class RecordApiKeyStore implements ApiKeyStore {
  protected readonly now: () => number;
  private readonly lastUsedIntervalMs: number;

  constructor(options: RecordApiKeyStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.lastUsedIntervalMs = options.lastUsedIntervalMs ?? 60_000;
  }

  /** The record with this prefix, if any. */
  protected abstract get(prefix: string): Promise<ApiKeyRecord | undefined>;
  /** Stores a record whose prefix is new; false when the prefix is taken. */
  protected abstract insert(record: ApiKeyRecord): Promise<boolean>;
  /** Sets some fields of an existing record. */
  protected abstract update(prefix: string, fields: Partial<ApiKeyRecord>): Promise<void>;
  /** Every record. */
  protected abstract all(): Promise<ApiKeyRecord[]>;

  async authenticate(key: string): Promise<Principal | null> {
    const prefix = apiKeyPrefix(key);
    const record = prefix === null ? undefined : await this.get(prefix);
    if (!record || !apiKeyMatches(key, record.hash)) return null;
    const now = this.now();
    if (!isUsable(record, now)) return null;
    const lastUsed = record.lastUsedAt === undefined ? -Infinity : Date.parse(record.lastUsedAt);
    if (now - lastUsed >= this.lastUsedIntervalMs)
      await this.update(record.prefix, { lastUsedAt: new Date(now).toISOString() });
    return record.principal;
  }

  async prefixes(): Promise<string[]> {
    return (await this.list()).map((record) => record.prefix);
  }

  async list(): Promise<ApiKeyInfo[]> {
    const records = await this.all();
    records.sort(
      (a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? '') || a.prefix.localeCompare(b.prefix),
    );
    return records.map(infoOf);
  }

  async create(input: NewApiKey): Promise<IssuedApiKey> {
    const now = this.now();
    for (let attempt = 0; attempt < 5; attempt++) {
      const prefix = generatePrefix();
      const fields = parseNewApiKey(input, prefix, now);
      const key = generateApiKey(prefix);
      const record: ApiKeyRecord = {
        prefix,
        hash: hashApiKey(key),
        ...fields,
        createdAt: new Date(now).toISOString(),
      };
      if (await this.insert(record)) return { key, record: infoOf(record) };
    }
    throw new Error('Could not find a free API key prefix after 5 attempts');
  }

  async revoke(prefix: string): Promise<ApiKeyInfo> {
    const record = await this.existing(prefix);
    if (record.revokedAt !== undefined) return infoOf(record);
    const revokedAt = new Date(this.now()).toISOString();
    await this.update(prefix, { revokedAt });
    return infoOf({ ...record, revokedAt });
  }

  async rotate(
    prefix: string,
    options: { overlapMs: number },
  ): Promise<IssuedApiKey & { previous: ApiKeyInfo }> {
    if (!Number.isFinite(options.overlapMs) || options.overlapMs < 0)
      throw new ApiKeyError('INVALID_INPUT', [{ path: 'overlap', message: 'must be zero or more' }]);
    const old = await this.existing(prefix);
    const now = this.now();
    if (!isUsable(old, now))
      throw new ApiKeyError('KEY_REVOKED', [{ path: 'prefix', message: `${prefix} is revoked or expired` }]);
    const issued = await this.create({
      name: old.name,
      principal: old.principal,
      expiresAt: old.expiresAt === undefined ? null : new Date(old.expiresAt),
    });
    const overlapEnd = now + options.overlapMs;
    const expiresAt = new Date(
      Math.min(overlapEnd, old.expiresAt === undefined ? overlapEnd : Date.parse(old.expiresAt)),
    );
    await this.update(prefix, { expiresAt: expiresAt.toISOString() });
    return { ...issued, previous: infoOf({ ...old, expiresAt: expiresAt.toISOString() }) };
  }

  /**
   * Stores fixed records (the demo keys) idempotently: a new one is inserted; an existing one gets the
   * given hash, name and principal and keeps its history (created, last used, revoked).
   */
  async seed(records: readonly ApiKeyRecord[]): Promise<void> {
    for (const input of records) {
      const record = apiKeyRecordSchema.parse(input);
      const existing = await this.get(record.prefix);
      if (!existing) await this.insert({ createdAt: new Date(this.now()).toISOString(), ...record });
      else
        await this.update(record.prefix, {
          hash: record.hash,
          name: record.name,
          principal: record.principal,
        });
    }
  }

  private async existing(prefix: string): Promise<ApiKeyRecord> {
    const record = await this.get(prefix);
    if (!record)
      throw new ApiKeyError('UNKNOWN_KEY', [{ path: 'prefix', message: `no key has prefix ${prefix}` }]);
    return record;
  }
}
