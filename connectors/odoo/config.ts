import { z } from 'zod';
import { ConfigError } from '../shared/config-error.js';

const positiveInt = z.coerce.number().int().positive();

/**
 * The Odoo connector's options. Tests and the emulator build this object directly;
 * deployments read it from the environment with {@link loadOdooConfig}.
 */
export const odooConfigSchema = z
  .object({
    /** Base URL of the Odoo server, without `/json/2` or `/jsonrpc`. A trailing slash is dropped. */
    url: z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, '')),
    /** Database name: sent as `X-Odoo-Database` on JSON-2 (needed when a server hosts several), required by JSON-RPC. */
    database: z.string().min(1).optional(),
    /** API key of a dedicated, least-privilege integration user. */
    apiKey: z.string().min(1),
    /** That user's login; JSON-RPC authenticates with it. */
    login: z.string().min(1).optional(),
    /** Wire protocol. Default `auto`: JSON-2 on Odoo 19 and later (read from `/web/version`), else JSON-RPC. */
    protocol: z.enum(['auto', 'json2', 'jsonrpc']).default('auto'),
    /** Per-attempt timeout. Default 10 s. */
    timeoutMs: positiveInt.default(10_000),
    /** Calls in flight at once. Default 4: an Odoo server has few workers and we must not starve its users. */
    maxConcurrency: positiveInt.default(4),
    /** Calls waiting for a slot before new ones are refused. Default 100. */
    maxQueue: z.coerce.number().int().nonnegative().default(100),
    /** Retries after a failed read or idempotent call (so at most 1 + this many attempts). Default 3. */
    retryAttempts: z.coerce.number().int().nonnegative().default(3),
    /** First retry delay, before jitter. Default 200 ms. */
    retryInitialDelayMs: positiveInt.default(200),
    /** Longest retry delay. Default 5 s. */
    retryMaxDelayMs: positiveInt.default(5_000),
    /** Consecutive transient failures that open the circuit. Default 5. */
    breakerThreshold: positiveInt.default(5),
    /** How long the circuit stays open before one trial call. Default 30 s. */
    breakerHalfOpenAfterMs: positiveInt.default(30_000),
  })
  .superRefine((config, ctx) => {
    for (const path of jsonRpcGaps(config))
      ctx.addIssue({ code: 'custom', path: [path], message: JSON_RPC_NEEDS });
  });

const JSON_RPC_NEEDS = 'is required for JSON-RPC';

/** The options JSON-RPC needs that are missing (JSON-2 needs neither). */
function jsonRpcGaps(config: {
  protocol?: string;
  database?: string;
  login?: string;
}): ('database' | 'login')[] {
  if (config.protocol !== 'jsonrpc') return [];
  return (['database', 'login'] as const).filter((key) => !config[key]);
}

export type OdooConfig = z.output<typeof odooConfigSchema>;
export type OdooConfigInput = z.input<typeof odooConfigSchema>;

/** The environment variable behind each option, so that messages name what an operator sets. */
export const ODOO_ENV_VARS = {
  url: 'ODOO_URL',
  database: 'ODOO_DB',
  apiKey: 'ODOO_API_KEY',
  login: 'ODOO_LOGIN',
  protocol: 'ODOO_PROTOCOL',
  timeoutMs: 'ODOO_TIMEOUT_MS',
  maxConcurrency: 'ODOO_MAX_CONCURRENCY',
  maxQueue: 'ODOO_MAX_QUEUE',
  retryAttempts: 'ODOO_RETRY_ATTEMPTS',
  retryInitialDelayMs: 'ODOO_RETRY_INITIAL_DELAY_MS',
  retryMaxDelayMs: 'ODOO_RETRY_MAX_DELAY_MS',
  breakerThreshold: 'ODOO_BREAKER_THRESHOLD',
  breakerHalfOpenAfterMs: 'ODOO_BREAKER_HALF_OPEN_AFTER_MS',
} as const satisfies Record<keyof OdooConfig, string>;

/** Validates `input`, throwing one {@link ConfigError} that lists every problem. */
export function parseOdooConfig(
  input: OdooConfigInput,
  names: Partial<Record<string, string>> = {},
): OdooConfig {
  const result = odooConfigSchema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    const missing = issue.code === 'invalid_type' && (input as Record<string, unknown>)[key] === undefined;
    return `${names[key] ?? key}: ${missing ? 'is required' : issue.message}`;
  });
  // zod skips the refinement when a field is already invalid; report those gaps all the same.
  for (const key of jsonRpcGaps(input)) {
    const issue = `${names[key] ?? key}: ${JSON_RPC_NEEDS}`;
    if (!issues.includes(issue)) issues.push(issue);
  }
  throw new ConfigError('Odoo connector', issues);
}

/** Reads the connector's options from the environment (`ODOO_*`); empty variables count as unset. */
export function loadOdooConfig(env: NodeJS.ProcessEnv = process.env): OdooConfig {
  const raw: Record<string, string> = {};
  for (const [key, name] of Object.entries(ODOO_ENV_VARS)) {
    const value = env[name]?.trim();
    if (value) raw[key] = value;
  }
  return parseOdooConfig(raw as OdooConfigInput, ODOO_ENV_VARS);
}
