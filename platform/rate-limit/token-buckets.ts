/** A bucket's size and how fast it refills. */
export interface BucketSpec {
  /** Most tokens the bucket holds (and starts with). */
  capacity: number;
  /** Tokens added back per second, up to `capacity`. */
  refillPerSecond: number;
}

export interface TakeResult {
  allowed: boolean;
  /** Tokens left after this take (before it, when refused or a dry run). */
  remaining: number;
  /** Whole seconds until `cost` tokens will be there; 0 when allowed. */
  retryAfterSeconds: number;
}

/**
 * Token buckets keyed by a string (a principal id, a client address). Two implementations behind this
 * contract: Redis (atomic, shared by every gateway instance) and memory (one process, for a gateway
 * started without Redis).
 */
export interface TokenBuckets {
  /**
   * Takes `cost` tokens from `key`'s bucket if it holds that many, atomically. `dryRun` only tells
   * whether it would succeed and changes nothing.
   */
  take(key: string, cost: number, spec: BucketSpec, options?: { dryRun?: boolean }): Promise<TakeResult>;
}
