import type { RedisClient } from '../redis.js';
import { apiKeyRecordSchema, type ApiKeyRecord } from './api-key-record.js';
import { RecordApiKeyStore, type RecordApiKeyStoreOptions } from './record-api-key-store.js';

export interface RedisApiKeyStoreOptions extends RecordApiKeyStoreOptions {
  /** A connected client (see platform/redis.ts); the store does not close it. */
  redis: RedisClient;
  /** Prefix of every Redis key the store uses, so tests and tenants do not meet. Default `dg`. */
  namespace?: string;
}

/**
 * API keys in Redis: a hash per key (`<ns>:apikey:<prefix>` → hash, name, principal as JSON, createdAt,
 * expiresAt, lastUsedAt, revokedAt) and a set of prefixes (`<ns>:apikeys`). Nothing is cached: every
 * authentication reads the record, so a revocation holds from the very next request.
 */
export class RedisApiKeyStore extends RecordApiKeyStore {
  private readonly redis: RedisClient;
  private readonly namespace: string;

  constructor(options: RedisApiKeyStoreOptions) {
    super(options);
    this.redis = options.redis;
    this.namespace = options.namespace ?? 'dg';
  }

  private keyOf(prefix: string): string {
    return `${this.namespace}:apikey:${prefix}`;
  }

  private get setKey(): string {
    return `${this.namespace}:apikeys`;
  }

  protected async get(prefix: string): Promise<ApiKeyRecord | undefined> {
    const fields = await this.redis.hGetAll(this.keyOf(prefix));
    if (!fields.hash) return undefined;
    return apiKeyRecordSchema.parse({
      ...fields,
      prefix,
      principal: JSON.parse(fields.principal ?? 'null') as unknown,
    });
  }

  protected async insert(record: ApiKeyRecord): Promise<boolean> {
    // The set claims the prefix: two writers racing for one prefix cannot both win.
    if ((await this.redis.sAdd(this.setKey, record.prefix)) === 0) return false;
    await this.redis.hSet(this.keyOf(record.prefix), toFields(record));
    return true;
  }

  protected async update(prefix: string, fields: Partial<ApiKeyRecord>): Promise<void> {
    await this.redis.hSet(this.keyOf(prefix), toFields(fields));
  }

  protected async all(): Promise<ApiKeyRecord[]> {
    const prefixes = await this.redis.sMembers(this.setKey);
    const records = await Promise.all(prefixes.map((prefix) => this.get(prefix)));
    return records.filter((record): record is ApiKeyRecord => record !== undefined);
  }
}

function toFields(record: Partial<ApiKeyRecord>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(record)) {
    if (value === undefined || name === 'prefix') continue;
    fields[name] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return fields;
}
