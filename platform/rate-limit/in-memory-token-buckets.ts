import type { BucketSpec, TakeResult, TokenBuckets } from './token-buckets.js';

/**
 * Token buckets in this process's memory: right for one gateway in a demo or a test, wrong for several
 * instances (each would grant the whole budget). The gateway warns at start when it falls back to them.
 */
export class InMemoryTokenBuckets implements TokenBuckets {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  take(key: string, cost: number, spec: BucketSpec, options: { dryRun?: boolean } = {}): Promise<TakeResult> {
    const now = this.now();
    const perMs = spec.refillPerSecond / 1000;
    const state = this.#buckets.get(key) ?? { tokens: spec.capacity, at: now };
    const tokens = Math.min(spec.capacity, state.tokens + Math.max(0, now - state.at) * perMs);
    const allowed = tokens >= cost;
    const remaining = allowed && !options.dryRun ? tokens - cost : tokens;
    if (!options.dryRun) this.#buckets.set(key, { tokens: remaining, at: now });
    this.#forgetFull(now, spec);
    const retryAfterSeconds = allowed ? 0 : Math.max(1, Math.ceil((cost - tokens) / perMs / 1000));
    return Promise.resolve({ allowed, remaining, retryAfterSeconds });
  }

  /** Drops buckets that have refilled completely, so memory stays bounded by the active callers. */
  #forgetFull(now: number, spec: BucketSpec): void {
    if (this.#buckets.size < 10_000) return;
    const fullAfterMs = (spec.capacity / spec.refillPerSecond) * 1000;
    for (const [key, state] of this.#buckets) if (now - state.at > fullAfterMs) this.#buckets.delete(key);
  }
}
