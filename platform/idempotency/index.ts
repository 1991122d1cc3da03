export { canonicalJson, fingerprintOf, sha256Hex } from './canonical-fingerprint.js';
export { IdempotencyStore } from './idempotency-store.js';
export type { IdempotencyBegin, IdempotencySlot, IdempotencyStoreOptions } from './idempotency-store.js';
export { keepAlive } from './keep-alive.js';
export { withRedisLock } from './redis-lock.js';
export type { RedisLockOptions } from './redis-lock.js';
export { runIdempotently } from './run-idempotently.js';
export type { IdempotentResult, RunIdempotentlyOptions } from './run-idempotently.js';
