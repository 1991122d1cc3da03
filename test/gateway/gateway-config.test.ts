import { describe, expect, it } from '@jest/globals';
import { apiKeyPrefix, hashApiKey, InMemoryApiKeyStore } from '../../gateway/auth/api-keys.js';
import {
  DEMO_API_KEYS,
  DEMO_INTERNAL_API_KEY,
  DEMO_PARTNER1_API_KEY,
  DEMO_PARTNER2_API_KEY,
  INTERNAL_DEMO_SCOPES,
} from '../../gateway/auth/demo-api-keys.js';
import { loadGatewayConfig } from '../../gateway/config.js';
import { startGateway } from '../../gateway/server.js';
import { TEST_IDENTITY_SECRET } from '../support/graphql.js';

const SECRET = { IDENTITY_SIGNING_SECRET: TEST_IDENTITY_SECRET };
const demoStore = () => new InMemoryApiKeyStore(DEMO_API_KEYS({ internal: true, partners: [] }));

describe('gateway configuration', () => {
  it('has documented defaults', () => {
    expect(loadGatewayConfig(SECRET, [])).toEqual({
      port: 4000,
      host: '127.0.0.1',
      supergraphPath: 'schema/supergraph.graphql',
      identitySecret: TEST_IDENTITY_SECRET,
      mode: 'demo',
      allowAnonymous: false,
      corsOrigins: [],
      apiKeysFile: undefined,
      demoPartnerIds: [],
      jwt: undefined,
      credentialRecheckMs: 30_000,
      redisUrl: undefined,
      partnerCostPerMinute: 20_000,
      internalCostPerMinute: 0,
      authFailuresPerMinute: 10,
      persistedDocumentsFile: 'schema/persisted-documents.json',
    });
  });

  it('reads every variable and the --supergraph flag', () => {
    const config = loadGatewayConfig(
      {
        ...SECRET,
        PORT: '0',
        HOST: '0.0.0.0',
        ALLOW_ANONYMOUS: 'true',
        CORS_ORIGINS: 'https://a.example, https://b.example:8443',
        DEMO_PARTNER_IDS: '7,9',
      },
      ['node', 'main.ts', '--supergraph', '/tmp/sg.graphql'],
    );
    expect(config).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      supergraphPath: '/tmp/sg.graphql',
      allowAnonymous: true,
      corsOrigins: ['https://a.example', 'https://b.example:8443'],
      demoPartnerIds: [7, 9],
    });
  });

  it.each([
    [{}, /IDENTITY_SIGNING_SECRET is required/],
    [{ IDENTITY_SIGNING_SECRET: 'short' }, /IDENTITY_SIGNING_SECRET must be at least 32 characters/],
    [{ ...SECRET, PORT: 'eighty' }, /PORT/],
    [{ ...SECRET, DG_MODE: 'staging' }, /DG_MODE/],
    [{ ...SECRET, CORS_ORIGINS: 'not a url' }, /CORS_ORIGINS/],
    [
      { ...SECRET, DG_MODE: 'production', ALLOW_ANONYMOUS: 'true' },
      /ALLOW_ANONYMOUS cannot be true when DG_MODE=production/,
    ],
  ])('refuses %j, naming the variable', (env, message) => {
    expect(() => loadGatewayConfig(env, [])).toThrow(message);
  });
});

describe('API keys', () => {
  it('authenticates the demo keys to their principals and nothing else', async () => {
    const store = new InMemoryApiKeyStore(
      DEMO_API_KEYS({
        internal: true,
        partners: [
          { tenantPartnerId: 7, name: 'A' },
          { tenantPartnerId: 9, name: 'B' },
        ],
      }),
    );
    await expect(store.authenticate(DEMO_INTERNAL_API_KEY)).resolves.toEqual({
      kind: 'internal',
      id: 'demo-internal',
      name: 'Demo internal user',
      scopes: INTERNAL_DEMO_SCOPES,
    });
    await expect(store.authenticate(DEMO_PARTNER2_API_KEY)).resolves.toMatchObject({ tenantPartnerId: 9 });
    await expect(store.authenticate(DEMO_PARTNER1_API_KEY.replace(/.$/, '0'))).resolves.toBeNull();
    await expect(store.authenticate('dg_demo_partner1')).resolves.toBeNull();
    await expect(store.prefixes()).resolves.toEqual(['demo_internal', 'demo_partner1', 'demo_partner2']);
  });

  it('stores only a hash and the public prefix', () => {
    const [record] = DEMO_API_KEYS({ internal: true, partners: [] });
    expect(record).toMatchObject({ prefix: 'demo_internal', hash: hashApiKey(DEMO_INTERNAL_API_KEY) });
    expect(JSON.stringify(record)).not.toContain(DEMO_INTERNAL_API_KEY.slice(-32));
    expect(apiKeyPrefix('dg_acme_erp_0123456789abcdef')).toBe('acme_erp');
  });
});

describe('production mode', () => {
  const base = {
    port: 0,
    supergraphSdl: 'type Query { x: Int }',
    identitySecret: TEST_IDENTITY_SECRET,
    mode: 'production' as const,
  };

  it('refuses demo keys', async () => {
    await expect(startGateway({ ...base, apiKeys: demoStore() })).rejects.toThrow(
      'DG_MODE=production refuses demo API keys (prefixes: demo_internal)',
    );
  });

  it('refuses anonymous access', async () => {
    await expect(
      startGateway({ ...base, apiKeys: new InMemoryApiKeyStore([]), allowAnonymous: true }),
    ).rejects.toThrow('DG_MODE=production refuses ALLOW_ANONYMOUS');
  });
});
