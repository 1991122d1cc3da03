import { z } from 'zod';
import { ConfigError } from '../shared/config-error.js';
import { DEMO_WAREHOUSES, WMS_EMULATOR_DEFAULT_URL, WMS_EMULATOR_DEMO_TOKEN } from './demo.js';
import { parseWarehouseMap } from './warehouse-map.js';

const positiveInt = z.coerce.number().int().positive();
const nonNegativeInt = z.coerce.number().int().nonnegative();

/** `demo` accepts the emulator's published token; `production` refuses it. */
export type WmsMode = 'demo' | 'production';

/**
 * The WMS connector's options. Tests and the stack build this object directly; deployments read it from
 * the environment with {@link loadWmsConfig}.
 */
export const wmsConfigSchema = z.object({
  /** The GraphQL endpoint (ShipHero: `https://public-api.shiphero.com/graphql`). Default: the emulator. */
  url: z.url({ protocol: /^https?$/ }).default(WMS_EMULATOR_DEFAULT_URL),
  /** Bearer token. Default in demo mode: the emulator's demo token. */
  token: z.string().min(1),
  /** Per-request timeout. Default 10 s. */
  timeoutMs: positiveInt.default(10_000),
  /** Retries after a transient failure of a read or of an idempotent write (at most 1 + this many attempts). Default 3. */
  retryAttempts: nonNegativeInt.default(3),
  /** First retry delay before jitter. Default 200 ms. */
  retryInitialDelayMs: positiveInt.default(200),
  /** Longest retry delay. Default 5 s. */
  retryMaxDelayMs: positiveInt.default(5_000),
  /** Consecutive transient failures that open the circuit. Default 5. */
  breakerThreshold: positiveInt.default(5),
  /** How long the circuit stays open before one trial request. Default 30 s. */
  breakerHalfOpenMs: positiveInt.default(30_000),
  /** Waits for credits after a throttling answer before giving up with WMS_THROTTLED. Default 3. */
  throttleRetries: nonNegativeInt.default(3),
  /** The longest announced wait the client accepts; a longer one fails at once. Default 60 s. */
  throttleMaxWaitMs: positiveInt.default(60_000),
  /** The webhook shared secret (`shared_signature_secret`) inbound deliveries are verified with. */
  webhookSecret: z.string().min(1).optional(),
  /** Our warehouse code → the WMS warehouse id. Default: the emulator's CHI, DAL and NWK. */
  warehouses: z
    .union([z.string(), z.record(z.string(), z.string())])
    .transform((value, ctx) => (typeof value === 'string' ? parseWarehouseMap(value, ctx) : value))
    .default(Object.fromEntries(DEMO_WAREHOUSES.map((w) => [w.code, w.id]))),
  /** `shop_name` given to the orders and webhooks this integration creates. Default `distribution-graph`. */
  shopName: z.string().min(1).default('distribution-graph'),
});

export type WmsConfig = z.output<typeof wmsConfigSchema>;
export type WmsConfigInput = z.input<typeof wmsConfigSchema>;

/** The environment variable behind each option, so that messages name what an operator sets. */
export const WMS_ENV_VARS = {
  url: 'WMS_URL',
  token: 'WMS_TOKEN',
  timeoutMs: 'WMS_TIMEOUT_MS',
  retryAttempts: 'WMS_RETRY_ATTEMPTS',
  retryInitialDelayMs: 'WMS_RETRY_INITIAL_DELAY_MS',
  retryMaxDelayMs: 'WMS_RETRY_MAX_DELAY_MS',
  breakerThreshold: 'WMS_BREAKER_THRESHOLD',
  breakerHalfOpenMs: 'WMS_BREAKER_HALF_OPEN_MS',
  throttleRetries: 'WMS_THROTTLE_RETRIES',
  throttleMaxWaitMs: 'WMS_THROTTLE_MAX_WAIT_MS',
  webhookSecret: 'WMS_WEBHOOK_SECRET',
  warehouses: 'WMS_WAREHOUSES',
  shopName: 'WMS_SHOP_NAME',
} as const satisfies Record<keyof WmsConfig, string>;

/**
 * Validates `input`, throwing one {@link ConfigError} that lists every problem, each under its variable's
 * name. In demo mode a missing token is the emulator's; in production the demo token is refused.
 */
export function parseWmsConfig(
  input: Partial<WmsConfigInput>,
  options: { mode: WmsMode; names?: Partial<Record<string, string>> },
): WmsConfig {
  const names = options.names ?? {};
  const withToken = options.mode === 'demo' ? { token: WMS_EMULATOR_DEMO_TOKEN, ...input } : input;
  const issues: string[] = [];
  if (options.mode === 'production' && input.token === WMS_EMULATOR_DEMO_TOKEN)
    issues.push(`${names.token ?? 'token'}: is the WMS emulator's demo token, refused in production`);
  const result = wmsConfigSchema.safeParse(withToken);
  if (result.success && issues.length === 0) return result.data;
  for (const issue of result.success ? [] : result.error.issues) {
    const key = String(issue.path[0] ?? '');
    const missing =
      issue.code === 'invalid_type' && (withToken as Record<string, unknown>)[key] === undefined;
    issues.push(`${names[key] ?? key}: ${missing ? 'is required' : issue.message}`);
  }
  throw new ConfigError('WMS connector', issues);
}

/** Reads the connector's options from the environment (`WMS_*`); empty variables count as unset. */
export function loadWmsConfig(env: NodeJS.ProcessEnv, options: { mode: WmsMode }): WmsConfig {
  const raw: Record<string, string> = {};
  for (const [key, name] of Object.entries(WMS_ENV_VARS)) {
    const value = env[name]?.trim();
    if (value) raw[key] = value;
  }
  return parseWmsConfig(raw, { mode: options.mode, names: WMS_ENV_VARS });
}
