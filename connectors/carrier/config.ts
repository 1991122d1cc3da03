import { z } from 'zod';
import { ConfigError } from '../shared/config-error.js';
import { CARRIER_EMULATOR_DEFAULT_URL, CARRIER_EMULATOR_DEMO_KEY } from './demo.js';

const positiveInt = z.coerce.number().int().positive();
const nonNegativeInt = z.coerce.number().int().nonnegative();

/** `demo` may fall back to the emulator's published key; `production` refuses it. */
export type CarrierMode = 'demo' | 'production';

/**
 * The carrier connector's options. Tests and the stack build this object directly; deployments read it
 * from the environment with {@link loadCarrierConfig}.
 */
export const carrierConfigSchema = z.object({
  /** Base URL without `/v2` (EasyPost: `https://api.easypost.com`). Default: the emulator. */
  url: z
    .url({ protocol: /^https?$/ })
    .default(CARRIER_EMULATOR_DEFAULT_URL)
    .transform((url) => url.replace(/\/+$/, '').replace(/\/v2$/, '')),
  /** API key, sent as the Basic auth user name. Default in demo mode: the emulator's demo key. */
  apiKey: z.string().min(1),
  /** Per-attempt timeout. Default 10 s. */
  timeoutMs: positiveInt.default(10_000),
  /** Retries after a transient failure of a safe call (GET, tracker create). Default 3. */
  retryAttempts: nonNegativeInt.default(3),
  /** First retry delay before jitter. Default 200 ms. */
  retryInitialDelayMs: positiveInt.default(200),
  /** Longest retry delay. Default 5 s. */
  retryMaxDelayMs: positiveInt.default(5_000),
  /** The longest Retry-After the client waits out on a 429; a longer one fails at once. Default 30 s. */
  rateLimitMaxWaitMs: positiveInt.default(30_000),
  /** Consecutive transient failures that open a circuit (the API's, or one carrier account's). Default 5. */
  breakerThreshold: positiveInt.default(5),
  /** How long an open circuit waits before one trial call. Default 30 s. */
  breakerHalfOpenMs: positiveInt.default(30_000),
  /** The secret our webhook was registered with; inbound tracker events are verified with it. */
  webhookSecret: z.string().min(1).optional(),
});

export type CarrierConfig = z.output<typeof carrierConfigSchema>;
export type CarrierConfigInput = z.input<typeof carrierConfigSchema>;

/** The environment variable behind each option, so that messages name what an operator sets. */
export const CARRIER_ENV_VARS = {
  url: 'CARRIER_URL',
  apiKey: 'CARRIER_API_KEY',
  timeoutMs: 'CARRIER_TIMEOUT_MS',
  retryAttempts: 'CARRIER_RETRY_ATTEMPTS',
  retryInitialDelayMs: 'CARRIER_RETRY_INITIAL_DELAY_MS',
  retryMaxDelayMs: 'CARRIER_RETRY_MAX_DELAY_MS',
  rateLimitMaxWaitMs: 'CARRIER_RATE_LIMIT_MAX_WAIT_MS',
  breakerThreshold: 'CARRIER_BREAKER_THRESHOLD',
  breakerHalfOpenMs: 'CARRIER_BREAKER_HALF_OPEN_MS',
  webhookSecret: 'CARRIER_WEBHOOK_SECRET',
} as const satisfies Record<keyof CarrierConfig, string>;

/**
 * Validates `input`, throwing one {@link ConfigError} that lists every problem, each under its variable's
 * name. In demo mode a missing key is the emulator's; in production the demo key is refused.
 */
export function parseCarrierConfig(
  input: Partial<CarrierConfigInput>,
  options: { mode: CarrierMode; names?: Partial<Record<string, string>> },
): CarrierConfig {
  const names = options.names ?? {};
  const withKey = options.mode === 'demo' ? { apiKey: CARRIER_EMULATOR_DEMO_KEY, ...input } : input;
  const issues: string[] = [];
  if (options.mode === 'production' && input.apiKey === CARRIER_EMULATOR_DEMO_KEY)
    issues.push(`${names.apiKey ?? 'apiKey'}: is the carrier emulator's demo key, refused in production`);
  const result = carrierConfigSchema.safeParse(withKey);
  if (result.success && issues.length === 0) return result.data;
  for (const issue of result.success ? [] : result.error.issues) {
    const key = String(issue.path[0] ?? '');
    const missing = issue.code === 'invalid_type' && (withKey as Record<string, unknown>)[key] === undefined;
    issues.push(`${names[key] ?? key}: ${missing ? 'is required' : issue.message}`);
  }
  throw new ConfigError('carrier connector', issues);
}

/** Reads the connector's options from the environment (`CARRIER_*`); empty variables count as unset. */
export function loadCarrierConfig(env: NodeJS.ProcessEnv, options: { mode: CarrierMode }): CarrierConfig {
  const raw: Record<string, string> = {};
  for (const [key, name] of Object.entries(CARRIER_ENV_VARS)) {
    const value = env[name]?.trim();
    if (value) raw[key] = value;
  }
  return parseCarrierConfig(raw, {
    mode: options.mode,
    names: CARRIER_ENV_VARS,
  });
}
