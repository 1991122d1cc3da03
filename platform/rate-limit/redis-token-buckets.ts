import type { RedisClient } from '../redis.js';
import type { BucketSpec, TakeResult, TokenBuckets } from './token-buckets.js';

/**
 * One atomic step of a token bucket: refill by the time passed (Redis's clock, so every gateway instance
 * agrees), then take ARGV[3] tokens if there are that many. Fractions are kept, hence the strings.
 * KEYS[1] bucket hash; ARGV capacity, tokens per ms, cost, dry run ('1'). Returns {allowed, tokens, retryMs}.
 */
const TAKE_SCRIPT = `
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local dry = ARGV[4] == '1'
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
local allowed = 0
local retry = 0
if tokens >= cost then
  allowed = 1
  if not dry then tokens = tokens - cost end
else
  retry = math.ceil((cost - tokens) / rate)
end
if not dry then
  redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
  redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate) + 1000)
end
return {allowed, tostring(tokens), retry}
`;

export interface RedisTokenBucketsOptions {
  redis: RedisClient;
  /** Prefix of every key. Default `dg`; buckets live under `<namespace>:ratelimit:`. */
  namespace?: string;
}

/** Token buckets in Redis, one hash per key, updated by one Lua script so concurrent takes never overspend. */
export class RedisTokenBuckets implements TokenBuckets {
  readonly #redis: RedisClient;
  readonly #prefix: string;

  constructor(options: RedisTokenBucketsOptions) {
    this.#redis = options.redis;
    this.#prefix = `${options.namespace ?? 'dg'}:ratelimit:`;
  }

  async take(
    key: string,
    cost: number,
    spec: BucketSpec,
    options: { dryRun?: boolean } = {},
  ): Promise<TakeResult> {
    const perMs = spec.refillPerSecond / 1000;
    const reply = (await this.#redis.eval(TAKE_SCRIPT, {
      keys: [this.#prefix + key],
      arguments: [String(spec.capacity), String(perMs), String(cost), options.dryRun ? '1' : '0'],
    })) as [number, string, number];
    const [allowed, tokens, retryMs] = reply;
    return {
      allowed: allowed === 1,
      remaining: Number(tokens),
      retryAfterSeconds: allowed === 1 ? 0 : Math.max(1, Math.ceil(retryMs / 1000)),
    };
  }
}
