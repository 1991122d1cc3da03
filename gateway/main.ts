/**
 * `tsx gateway/main.ts [--supergraph <path>]`: the gateway as a process. Configuration from the
 * environment (see gateway/config.ts); API keys from API_KEYS_FILE (a static set), else from Redis when
 * REDIS_URL is set (managed with `npm run keys` and the access subgraph; namespace REDIS_KEY_NAMESPACE,
 * default `dg`), else the published demo keys in demo mode. SIGINT/SIGTERM close it gracefully.
 */
import { printBanner } from '../platform/banner.js';
import { createLogger } from '../platform/logger.js';
import { runUntilSignal } from '../platform/run-until-signal.js';
import { RedisApiKeyStore } from '../platform/auth/redis-api-key-store.js';
import { connectRedis } from '../platform/redis.js';
import { loadPersistedDocuments } from '../schema/tools/persisted-documents.js';
import { InMemoryApiKeyStore, type ApiKeyRecord, type ApiKeyStore } from './auth/api-keys.js';
import {
  DEMO_API_KEYS,
  DEMO_INTERNAL_API_KEY,
  DEMO_PARTNER1_API_KEY,
  DEMO_PARTNER2_API_KEY,
} from './auth/demo-api-keys.js';
import { JwtVerifier } from './auth/jwt-verifier.js';
import { loadApiKeysFile } from './auth/load-api-keys-file.js';
import { loadGatewayConfig, type GatewayConfig } from './config.js';
import { startGateway } from './server.js';

const logger = createLogger({ name: 'gateway' });

async function apiKeyRecords(config: GatewayConfig): Promise<{ records: ApiKeyRecord[]; demo: boolean }> {
  if (config.apiKeysFile) return { records: await loadApiKeysFile(config.apiKeysFile), demo: false };
  if (config.mode === 'production') throw new Error('DG_MODE=production requires API_KEYS_FILE or REDIS_URL');
  const partners = config.demoPartnerIds.map((tenantPartnerId, index) => ({
    tenantPartnerId,
    name: `Demo partner ${index + 1}`,
  }));
  return { records: DEMO_API_KEYS({ internal: true, partners }), demo: true };
}

/** Redis-managed keys when REDIS_URL is set and there is no static file; else the file or demo keys. */
async function apiKeyStore(
  config: GatewayConfig,
): Promise<{ store: ApiKeyStore; records: ApiKeyRecord[]; demo: boolean; close(): void }> {
  const redisUrl = config.redisUrl;
  if (redisUrl && !config.apiKeysFile) {
    const redis = await connectRedis({ url: redisUrl, logger: logger.child({ part: 'redis' }) });
    const namespace = process.env.REDIS_KEY_NAMESPACE || 'dg';
    return {
      store: new RedisApiKeyStore({ redis, namespace }),
      records: [],
      demo: false,
      close: () => redis.destroy(),
    };
  }
  const { records, demo } = await apiKeyRecords(config);
  return { store: new InMemoryApiKeyStore(records), records, demo, close: () => undefined };
}

/** A budget of `perMinute` cost units a minute; 0 means unlimited. */
const perMinute = (units: number) => (units > 0 ? { capacity: units, refillPerSecond: units / 60 } : null);

await runUntilSignal(logger, async () => {
  const config = loadGatewayConfig();
  const keys = await apiKeyStore(config);
  // Rate limits and the audit stream (a connection of their own, closed with the gateway).
  const redis = config.redisUrl
    ? await connectRedis({ url: config.redisUrl, logger: logger.child({ part: 'redis' }) })
    : undefined;
  const { records, demo } = keys;
  const gateway = await startGateway({
    port: config.port,
    host: config.host,
    supergraphPath: config.supergraphPath,
    identitySecret: config.identitySecret,
    apiKeys: keys.store,
    allowAnonymous: config.allowAnonymous,
    corsOrigins: config.corsOrigins,
    logger,
    mode: config.mode,
    sandboxHeaders: demo ? { Authorization: `Bearer ${DEMO_INTERNAL_API_KEY}` } : undefined,
    jwt: config.jwt ? new JwtVerifier(config.jwt) : undefined,
    credentialRecheckMs: config.credentialRecheckMs,
    security: {
      redis,
      redisNamespace: process.env.REDIS_KEY_NAMESPACE || 'dg',
      partnerBudget: perMinute(config.partnerCostPerMinute),
      internalBudget: perMinute(config.internalCostPerMinute),
      authFailures: {
        capacity: config.authFailuresPerMinute,
        refillPerSecond: config.authFailuresPerMinute / 60,
      },
      persistedDocuments: await loadPersistedDocuments(config.persistedDocumentsFile),
    },
    // On the same connection as the rate limits; the event follower opens one of its own.
    responseCache:
      redis && config.responseCache
        ? {
            redis,
            namespace: process.env.REDIS_KEY_NAMESPACE || 'dg',
            ttls: config.responseCache.ttls,
            eventStream: config.responseCache.eventStream,
          }
        : false,
  });
  const origin = new URL(gateway.url).origin;
  logger.info(
    { url: gateway.url, mode: config.mode, apiKeys: await keys.store.prefixes(), demoKeys: demo },
    'gateway started',
  );
  const demoKeys = [DEMO_INTERNAL_API_KEY, DEMO_PARTNER1_API_KEY, DEMO_PARTNER2_API_KEY].slice(
    0,
    records.length,
  );
  printBanner([
    `Distribution Graph gateway (${config.mode}) at ${gateway.url}`,
    `  Apollo Sandbox: ${origin}/   GraphiQL: ${origin}/graphiql   health: ${origin}/healthz, ${origin}/readyz`,
    ...(demo
      ? ['  demo API keys (Authorization: Bearer <key>):', ...demoKeys.map((key) => `    ${key}`)]
      : []),
    `  ${(await keys.store.prefixes()).length} API key(s)${keys.records.length === 0 && !demo ? ' in Redis' : ''}; anonymous access ${config.allowAnonymous ? 'ALLOWED' : 'refused'}`,
  ]);
  return async () => {
    await gateway.close();
    keys.close();
    redis?.destroy();
  };
});
