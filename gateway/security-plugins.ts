import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { AuditLog } from '../platform/audit/audit-log.js';
import type { Logger } from '../platform/logger.js';
import { InMemoryTokenBuckets } from '../platform/rate-limit/in-memory-token-buckets.js';
import { RedisTokenBuckets } from '../platform/rate-limit/redis-token-buckets.js';
import type { BucketSpec } from '../platform/rate-limit/token-buckets.js';
import type { RedisClient } from '../platform/redis.js';
import type { RequestAuthenticator } from './auth/request-authenticator.js';
import type { DgContext } from './gateway-context.js';
import { useAudit } from './plugins/useAudit.js';
import { useAuthFailureThrottle } from './plugins/useAuthFailureThrottle.js';
import { OPERATIONS_SIGN_IN_PATH } from './plugins/useOperationsPage.js';
import { useIntrospectionPolicy } from './plugins/useIntrospectionPolicy.js';
import { usePartnerErrors } from './plugins/usePartnerErrors.js';
import { usePersistedDocuments } from './plugins/usePersistedDocuments.js';
import { useRateLimit } from './plugins/useRateLimit.js';
import type { OperationCosts } from './operation-cost.js';

/** Rate limits, audit and trusted documents of the gateway; every field is optional. */
export interface SecurityOptions {
  /**
   * Where rate-limit buckets and the audit stream live. Default none: buckets in memory (one gateway
   * only, with a warning at start) and audit events in the log only.
   */
  redis?: RedisClient;
  /** Prefix of the rate-limit keys in Redis. Default `dg`. */
  redisNamespace?: string;
  /** The audit stream's key. Default `dg:audit`. */
  auditStream?: string;
  /** Each partner's budget in cost units. Default 20,000 per minute; null: unlimited. */
  partnerBudget?: BucketSpec | null;
  /** Each internal principal's budget. Default null: unlimited. */
  internalBudget?: BucketSpec | null;
  /** Wrong credentials per client address. Default 10, refilled at 10 per minute. */
  authFailures?: BucketSpec;
  /** Trusted documents by sha256 id (see schema/persisted-documents.json). Default none. */
  persistedDocuments?: ReadonlyMap<string, string>;
}

export interface SecurityContext {
  mode: 'demo' | 'production';
  logger: Logger;
  supergraphSdl: string;
  /** Who is calling, shared with authentication so a key is looked up once per request. */
  authenticator: RequestAuthenticator;
  /** Operation costs, shared with the cost limit: the rate limiter spends the same units. */
  costs: OperationCosts;
}

/** The security plugins, in two groups: before authentication and after the field authorization. */
export function securityPlugins(options: SecurityOptions = {}, context: SecurityContext) {
  const { logger } = context;
  if (!options.redis)
    logger.warn(
      'no Redis (REDIS_URL): rate limits are kept in this process only and audit events go to the log only',
    );
  const buckets = options.redis
    ? new RedisTokenBuckets({ redis: options.redis, namespace: options.redisNamespace })
    : new InMemoryTokenBuckets();
  const audit = new AuditLog({
    logger: logger.child({ part: 'audit' }),
    redis: options.redis,
    stream: options.auditStream,
  });
  const beforeAuthentication: GatewayPlugin<DgContext>[] = [
    useAuthFailureThrottle({
      buckets,
      failures: options.authFailures,
      signInPaths: [OPERATIONS_SIGN_IN_PATH],
      logger,
      onThrottled: ({ request, clientAddress }) =>
        audit.record({
          principal: { kind: 'anonymous', id: null, tenant: null },
          keyPrefix: null,
          operation: { name: null, type: null },
          outcome: 'denied',
          code: 'RATE_LIMITED',
          reason: `too many failed authentications (${new URL(request.url).pathname})`,
          entities: [],
          correlationId: null,
          clientAddress,
        }),
    }) as GatewayPlugin<DgContext>,
    // Before the persisted documents, whose refusal in onParams would hide the request from the audit.
    useAudit({ audit, supergraphSdl: context.supergraphSdl }),
    usePersistedDocuments({
      documents: options.persistedDocuments,
      principalOf: (request, params) => context.authenticator.principalOrNull(request, params),
    }),
    usePartnerErrors(),
  ];
  const afterAuthorization: GatewayPlugin<DgContext>[] = [
    useIntrospectionPolicy({ refusePartners: context.mode === 'production' }),
    useRateLimit({
      buckets,
      partner: options.partnerBudget,
      internal: options.internalBudget,
      costs: context.costs,
    }),
  ];
  return { beforeAuthentication, afterAuthorization, audit };
}
