/**
 * `tsx gateway/main.ts [--supergraph <path>]`: the gateway as a process. Configuration from the
 * environment (see gateway/config.ts); API keys from API_KEYS_FILE, or the published demo keys in demo
 * mode when there is no file. SIGINT/SIGTERM close it gracefully.
 */
import { printBanner } from '../platform/banner.js';
import { createLogger } from '../platform/logger.js';
import { runUntilSignal } from '../platform/run-until-signal.js';
import { InMemoryApiKeyStore, type ApiKeyRecord } from './auth/api-keys.js';
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
  if (config.mode === 'production') throw new Error('DG_MODE=production requires API_KEYS_FILE');
  const partners = config.demoPartnerIds.map((tenantPartnerId, index) => ({
    tenantPartnerId,
    name: `Demo partner ${index + 1}`,
  }));
  return { records: DEMO_API_KEYS({ internal: true, partners }), demo: true };
}

await runUntilSignal(logger, async () => {
  const config = loadGatewayConfig();
  const { records, demo } = await apiKeyRecords(config);
  const gateway = await startGateway({
    port: config.port,
    host: config.host,
    supergraphPath: config.supergraphPath,
    identitySecret: config.identitySecret,
    apiKeys: new InMemoryApiKeyStore(records),
    allowAnonymous: config.allowAnonymous,
    corsOrigins: config.corsOrigins,
    logger,
    mode: config.mode,
    sandboxHeaders: demo ? { Authorization: `Bearer ${DEMO_INTERNAL_API_KEY}` } : undefined,
    jwt: config.jwt ? new JwtVerifier(config.jwt) : undefined,
    credentialRecheckMs: config.credentialRecheckMs,
  });
  const origin = new URL(gateway.url).origin;
  logger.info(
    { url: gateway.url, mode: config.mode, apiKeys: records.map((r) => r.prefix), demoKeys: demo },
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
    `  ${records.length} API key(s); anonymous access ${config.allowAnonymous ? 'ALLOWED' : 'refused'}`,
  ]);
  return () => gateway.close();
});
