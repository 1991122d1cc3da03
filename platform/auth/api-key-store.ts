import type { ApiKeyInfo } from './api-key-record.js';
import type { NewApiKey } from './new-api-key.js';
import type { Principal } from './principal.js';

/** A key just created: `key` is shown once and stored nowhere. */
export interface IssuedApiKey {
  key: string;
  record: ApiKeyInfo;
}

/**
 * The API keys of the graph: the gateway authenticates with it, the CLI and the access subgraph manage
 * it. Two implementations behind this contract: Redis in a real deployment, memory for tests and demos.
 * Business failures (invalid input, unknown prefix) are thrown as `ApiKeyError`.
 */
export interface ApiKeyStore {
  /** The principal for `key`, or null when it is malformed, unknown, wrong, expired or revoked. */
  authenticate(key: string): Promise<Principal | null>;
  /** The prefixes of every key, for boot-time checks and the start-up summary. */
  prefixes(): Promise<string[]>;
  /** Every key, oldest first, without hashes. */
  list(): Promise<ApiKeyInfo[]>;
  /** A new key with 256 random bits; partners may not hold internal-only scopes. */
  create(input: NewApiKey): Promise<IssuedApiKey>;
  /** Revokes a key at once (the next request with it is refused); revoking twice changes nothing. */
  revoke(prefix: string): Promise<ApiKeyInfo>;
  /** A new key for the same principal; the old one keeps working for `overlapMs`, then expires. */
  rotate(prefix: string, options: { overlapMs: number }): Promise<IssuedApiKey & { previous: ApiKeyInfo }>;
}
