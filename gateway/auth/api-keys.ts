/**
 * The gateway's view of API keys; the key model lives in platform/auth (shared with the access subgraph
 * and the `npm run keys` CLI). Re-exported here so gateway code keeps one import.
 */
export { apiKeyPrefix, hashApiKey } from '../../platform/auth/api-key.js';
export { apiKeyRecordSchema, type ApiKeyRecord } from '../../platform/auth/api-key-record.js';
export type { ApiKeyStore } from '../../platform/auth/api-key-store.js';
export { InMemoryApiKeyStore } from '../../platform/auth/in-memory-api-key-store.js';
