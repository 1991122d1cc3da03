import { z } from 'zod';
import { JWT_ALGORITHMS, type JwtVerifierOptions } from './auth/jwt-verifier.js';
import { responseCacheTtlsSchema } from './plugins/useResponseCacheTtls.js';

/** The gateway's configuration, read once at boot from the environment (and `--supergraph`). */
export interface GatewayConfig {
  /** `PORT`, default 4000 (0 = any free port). */
  port: number;
  /** `HOST`, default 127.0.0.1: loopback unless told otherwise. */
  host: string;
  /** `SUPERGRAPH_PATH` or `--supergraph <path>`, default `schema/supergraph.graphql`. */
  supergraphPath: string;
  /** `IDENTITY_SIGNING_SECRET`, at least 32 characters, shared with the subgraphs. */
  identitySecret: string;
  /** `DG_MODE`, `demo` (default) or `production`. */
  mode: 'demo' | 'production';
  /** `ALLOW_ANONYMOUS`, default false; refused in production. */
  allowAnonymous: boolean;
  /** `CORS_ORIGINS`, comma-separated; default none (only the gateway's own origin). */
  corsOrigins: string[];
  /** `API_KEYS_FILE`: a JSON array of key records; default none (demo keys in demo mode). */
  apiKeysFile: string | undefined;
  /** `DEMO_PARTNER_IDS`: up to two Odoo partner ids that get the demo partner keys; default none. */
  demoPartnerIds: number[];
  /**
   * OIDC bearer tokens: all of `OIDC_ISSUER`, `OIDC_AUDIENCE`, `OIDC_JWKS_URL`, or none (API keys only);
   * `OIDC_ALGORITHMS` (default RS256,ES256), `OIDC_CLOCK_TOLERANCE_SECONDS` (30), `OIDC_REQUIRE_NBF`
   * (false), claims `OIDC_KIND_CLAIM` (dg_kind), `OIDC_TENANT_CLAIM` (dg_tenant), `OIDC_PARTNER_KIND_CLAIM`
   * (dg_partner_kind), `OIDC_SCOPES_CLAIM` (scope).
   */
  jwt: JwtVerifierOptions | undefined;
  /** `CREDENTIAL_RECHECK_MS`: how often a graphql-ws connection re-checks its API key; default 30000. */
  credentialRecheckMs: number;
  /** `REDIS_URL`: rate limits and the audit stream (and API keys); default none (memory and log only). */
  redisUrl: string | undefined;
  /** `RATE_LIMIT_PARTNER_PER_MINUTE`: each partner's cost units per minute; default 20000, 0 = unlimited. */
  partnerCostPerMinute: number;
  /** `RATE_LIMIT_INTERNAL_PER_MINUTE`: each internal principal's; default 0 = unlimited. */
  internalCostPerMinute: number;
  /** `AUTH_FAILURES_PER_MINUTE`: wrong credentials a client address may present; default 10. */
  authFailuresPerMinute: number;
  /** `PERSISTED_DOCUMENTS_FILE`: trusted documents; default `schema/persisted-documents.json`. */
  persistedDocumentsFile: string;
  /**
   * `RESPONSE_CACHE` (`on`, default, or `off`): cache query responses in Redis; only with `REDIS_URL`.
   * `RESPONSE_CACHE_TTLS`: `Type=seconds` pairs over the defaults (gateway/plugins/useResponseCacheTtls.ts),
   * e.g. `Product=600,StockLevel=5`. `EVENT_STREAM` (default `dg:events`): the events that invalidate it.
   */
  responseCache: { ttls: Record<string, number>; eventStream: string } | undefined;
}

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1');

const commaList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  );

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  SUPERGRAPH_PATH: z.string().min(1).default('schema/supergraph.graphql'),
  IDENTITY_SIGNING_SECRET: z
    .string({ error: 'is required (a random string of at least 32 characters)' })
    .min(32, 'must be at least 32 characters'),
  DG_MODE: z.enum(['demo', 'production']).default('demo'),
  ALLOW_ANONYMOUS: flag,
  CORS_ORIGINS: commaList.pipe(z.array(z.url({ error: 'must be a comma-separated list of origins' }))),
  API_KEYS_FILE: z.string().min(1).optional(),
  OIDC_ISSUER: z.string().min(1).optional(),
  OIDC_AUDIENCE: z.string().min(1).optional(),
  OIDC_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
  OIDC_ALGORITHMS: commaList.pipe(z.array(z.enum(JWT_ALGORITHMS))),
  OIDC_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  OIDC_REQUIRE_NBF: flag,
  OIDC_KIND_CLAIM: z.string().min(1).default('dg_kind'),
  OIDC_TENANT_CLAIM: z.string().min(1).default('dg_tenant'),
  OIDC_PARTNER_KIND_CLAIM: z.string().min(1).default('dg_partner_kind'),
  OIDC_SCOPES_CLAIM: z.string().min(1).default('scope'),
  CREDENTIAL_RECHECK_MS: z.coerce.number().int().min(1000).max(3_600_000).default(30_000),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  RATE_LIMIT_PARTNER_PER_MINUTE: z.coerce.number().int().min(0).default(20_000),
  RATE_LIMIT_INTERNAL_PER_MINUTE: z.coerce.number().int().min(0).default(0),
  AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  PERSISTED_DOCUMENTS_FILE: z.string().min(1).default('schema/persisted-documents.json'),
  RESPONSE_CACHE: z.enum(['on', 'off']).default('on'),
  RESPONSE_CACHE_TTLS: responseCacheTtlsSchema,
  EVENT_STREAM: z.string().min(1).default('dg:events'),
  DEMO_PARTNER_IDS: commaList.pipe(
    z
      .array(z.string().regex(/^\d+$/, 'must be a partner id').transform(Number))
      .max(2, 'takes at most two partner ids'),
  ),
});

/** The value after `--supergraph` in `argv`, if any. */
function supergraphFlag(argv: readonly string[]): string | undefined {
  const index = argv.indexOf('--supergraph');
  return index >= 0 ? argv[index + 1] : undefined;
}

/**
 * Validates the environment and fails with one message naming every bad variable, so a wrong deployment
 * stops at boot rather than half-working.
 */
export function loadGatewayConfig(
  env: NodeJS.ProcessEnv = process.env,
  argv: readonly string[] = process.argv,
): GatewayConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new Error(`Invalid gateway configuration: ${problems.join('; ')}`);
  }
  const values = parsed.data;
  if (values.DG_MODE === 'production' && values.ALLOW_ANONYMOUS) {
    throw new Error('Invalid gateway configuration: ALLOW_ANONYMOUS cannot be true when DG_MODE=production');
  }
  const oidc = [values.OIDC_ISSUER, values.OIDC_AUDIENCE, values.OIDC_JWKS_URL];
  if (oidc.some(Boolean) && !oidc.every(Boolean)) {
    throw new Error(
      'Invalid gateway configuration: set all of OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL, or none',
    );
  }
  if (values.DG_MODE === 'production' && values.OIDC_JWKS_URL?.startsWith('http:')) {
    throw new Error('Invalid gateway configuration: OIDC_JWKS_URL must use https when DG_MODE=production');
  }
  const jwt: JwtVerifierOptions | undefined =
    values.OIDC_ISSUER && values.OIDC_AUDIENCE && values.OIDC_JWKS_URL
      ? {
          issuer: values.OIDC_ISSUER,
          audience: values.OIDC_AUDIENCE,
          jwksUrl: values.OIDC_JWKS_URL,
          algorithms: values.OIDC_ALGORITHMS.length > 0 ? values.OIDC_ALGORITHMS : undefined,
          clockToleranceSeconds: values.OIDC_CLOCK_TOLERANCE_SECONDS,
          requireNotBefore: values.OIDC_REQUIRE_NBF,
          kindClaim: values.OIDC_KIND_CLAIM,
          tenantClaim: values.OIDC_TENANT_CLAIM,
          partnerKindClaim: values.OIDC_PARTNER_KIND_CLAIM,
          scopesClaim: values.OIDC_SCOPES_CLAIM,
        }
      : undefined;
  return {
    port: values.PORT,
    host: values.HOST,
    supergraphPath: supergraphFlag(argv) ?? values.SUPERGRAPH_PATH,
    identitySecret: values.IDENTITY_SIGNING_SECRET,
    mode: values.DG_MODE,
    allowAnonymous: values.ALLOW_ANONYMOUS,
    corsOrigins: values.CORS_ORIGINS.map((origin) => new URL(origin).origin),
    apiKeysFile: values.API_KEYS_FILE,
    demoPartnerIds: values.DEMO_PARTNER_IDS,
    jwt,
    credentialRecheckMs: values.CREDENTIAL_RECHECK_MS,
    redisUrl: values.REDIS_URL,
    partnerCostPerMinute: values.RATE_LIMIT_PARTNER_PER_MINUTE,
    internalCostPerMinute: values.RATE_LIMIT_INTERNAL_PER_MINUTE,
    authFailuresPerMinute: values.AUTH_FAILURES_PER_MINUTE,
    persistedDocumentsFile: values.PERSISTED_DOCUMENTS_FILE,
    responseCache:
      values.REDIS_URL && values.RESPONSE_CACHE === 'on'
        ? { ttls: values.RESPONSE_CACHE_TTLS, eventStream: values.EVENT_STREAM }
        : undefined,
  };
}
