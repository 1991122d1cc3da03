import { apiKeyRecordSchema, type ApiKeyRecord } from './api-key-record.js';
import { RecordApiKeyStore, type RecordApiKeyStoreOptions } from './record-api-key-store.js';

/** An {@link ApiKeyStore} held in memory: for tests, the demo and a static file of keys; lost at exit. */
export class InMemoryApiKeyStore extends RecordApiKeyStore {
  private readonly byPrefix = new Map<string, ApiKeyRecord>();

  constructor(records: readonly ApiKeyRecord[] = [], options: RecordApiKeyStoreOptions = {}) {
    super(options);
    for (const record of records) {
      const valid = apiKeyRecordSchema.parse(record);
      if (this.byPrefix.has(valid.prefix)) throw new Error(`Duplicate API key prefix "${valid.prefix}"`);
      this.byPrefix.set(valid.prefix, valid);
    }
  }

  protected get(prefix: string): Promise<ApiKeyRecord | undefined> {
    const record = this.byPrefix.get(prefix);
    return Promise.resolve(record && { ...record });
  }

  protected insert(record: ApiKeyRecord): Promise<boolean> {
    if (this.byPrefix.has(record.prefix)) return Promise.resolve(false);
    this.byPrefix.set(record.prefix, { ...record });
    return Promise.resolve(true);
  }

  protected update(prefix: string, fields: Partial<ApiKeyRecord>): Promise<void> {
    const record = this.byPrefix.get(prefix);
    if (record) this.byPrefix.set(prefix, { ...record, ...fields });
    return Promise.resolve();
  }

  protected all(): Promise<ApiKeyRecord[]> {
    return Promise.resolve([...this.byPrefix.values()].map((record) => ({ ...record })));
  }
}
