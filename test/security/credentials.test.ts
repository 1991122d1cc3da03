import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { startGateway, type RunningGateway } from '../../gateway/server.js';
import { hashApiKey } from '../../platform/auth/api-key.js';
import { RedisApiKeyStore } from '../../platform/auth/redis-api-key-store.js';
import type { RunningSubgraph } from '../../platform/graphql/start-subgraph-server.js';
import { createLogger } from '../../platform/logger.js';
import { connectRedis, type RedisClient } from '../../platform/redis.js';
import { composeGraph } from '../../schema/tools/compose-graph.js';
import { accessSchema } from '../../subgraphs/access/schema/index.js';
import { startAccessSubgraph } from '../../subgraphs/access/server.js';
import { post } from '../gateway/support/gateway-client.js';
import { internalPrincipal, partnerPrincipal, postAs, TEST_IDENTITY_SECRET } from '../support/graphql.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const NAMESPACE = `dgtest-${randomBytes(6).toString('hex')}`;
const logger = createLogger({ name: 'credentials-test', level: 'silent' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let redis: RedisClient;
let store: RedisApiKeyStore;

beforeAll(async () => {
  redis = await connectRedis({ url: REDIS_URL, logger });
  store = new RedisApiKeyStore({ redis, namespace: NAMESPACE });
});

afterAll(async () => {
  const keys: string[] = [];
  for await (const batch of redis.scanIterator({ MATCH: `${NAMESPACE}:*` })) keys.push(...batch);
  if (keys.length > 0) await redis.del(keys);
  redis.destroy();
});

const partner = {
  kind: 'partner' as const,
  tenantPartnerId: 7,
  partnerKind: 'customer' as const,
  scopes: ['orders:read'],
};

describe('API keys in Redis', () => {
  it('creates a key shown once, stores only its hash, authenticates it and records the last use', async () => {
    const { key, record } = await store.create({ name: 'Acme ERP', principal: partner });
    expect(key).toMatch(/^dg_[a-z0-9]{10}_[0-9a-f]{64}$/);
    expect(record).not.toHaveProperty('hash');
    const stored = await redis.hGetAll(`${NAMESPACE}:apikey:${record.prefix}`);
    expect(stored.hash).toBe(hashApiKey(key));
    expect(JSON.stringify(stored)).not.toContain(key.slice(-64));
    await expect(store.authenticate(key)).resolves.toEqual({
      ...partner,
      scopes: ['orders:read'],
      id: `key:${record.prefix}`,
      name: 'Acme ERP',
    });
    await expect(store.authenticate(key.replace(/.$/, key.endsWith('0') ? '1' : '0'))).resolves.toBeNull();
    const listed = (await store.list()).find((info) => info.prefix === record.prefix);
    expect(listed?.lastUsedAt).toEqual(expect.any(String));
  });

  it('writes lastUsedAt at most once a minute per key', async () => {
    const { key, record } = await store.create({ name: 'hot key', principal: partner });
    await store.authenticate(key);
    const first = await redis.hGet(`${NAMESPACE}:apikey:${record.prefix}`, 'lastUsedAt');
    await sleep(5);
    await store.authenticate(key);
    await expect(redis.hGet(`${NAMESPACE}:apikey:${record.prefix}`, 'lastUsedAt')).resolves.toBe(first);
  });

  it('refuses a revoked key at once', async () => {
    const { key, record } = await store.create({ name: 'to revoke', principal: partner });
    await expect(store.authenticate(key)).resolves.not.toBeNull();
    await expect(store.revoke(record.prefix)).resolves.toMatchObject({ revokedAt: expect.any(String) });
    await expect(store.authenticate(key)).resolves.toBeNull();
  });

  it('rotates: old and new keys both work during the overlap, the old one is refused after it', async () => {
    const { key: oldKey, record } = await store.create({ name: 'rotating', principal: partner });
    const rotated = await store.rotate(record.prefix, { overlapMs: 300 });
    expect(rotated.record.prefix).not.toBe(record.prefix);
    await expect(store.authenticate(oldKey)).resolves.not.toBeNull();
    await expect(store.authenticate(rotated.key)).resolves.not.toBeNull();
    await sleep(400);
    await expect(store.authenticate(oldKey)).resolves.toBeNull();
    await expect(store.authenticate(rotated.key)).resolves.not.toBeNull();
  });

  it('refuses an expired key', async () => {
    const { key } = await store.create({
      name: 'short-lived',
      principal: partner,
      expiresAt: new Date(Date.now() + 200),
    });
    await expect(store.authenticate(key)).resolves.not.toBeNull();
    await sleep(300);
    await expect(store.authenticate(key)).resolves.toBeNull();
  });

  it('refuses a partner key with an internal-only scope at creation', async () => {
    await expect(
      store.create({ name: 'greedy', principal: { ...partner, scopes: ['orders:read', 'cost:read'] } }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('a partner key may not carry internal-only scopes: cost:read'),
    });
  });

  it('seeds fixed records idempotently, keeping their history', async () => {
    const key = 'dg_seedtest_0123456789abcdef0123456789abcdef';
    const seedRecord = {
      prefix: 'seedtest',
      hash: hashApiKey(key),
      name: 'seed',
      principal: internalPrincipal,
    };
    await store.seed([seedRecord]);
    await store.revoke('seedtest');
    await store.seed([seedRecord]);
    await expect(store.authenticate(key)).resolves.toBeNull();
  });
});

describe('npm run keys', () => {
  const cli = promisify(execFile);
  const run = (...args: string[]) =>
    cli('npx', ['tsx', 'scripts/keys.ts', ...args], {
      env: { ...process.env, REDIS_URL, REDIS_KEY_NAMESPACE: NAMESPACE },
    });

  it('creates, lists and revokes keys; refuses bad arguments with exit code 2', async () => {
    const created = await run(
      'create',
      '--name',
      'CLI key',
      '--kind',
      'partner',
      '--tenant',
      '9',
      '--partner-kind',
      'carrier',
      '--scopes',
      'orders:read',
      '--expires',
      '90d',
    );
    const key = created.stdout.trim();
    expect(key).toMatch(/^dg_[a-z0-9]{10}_[0-9a-f]{64}$/);
    expect(created.stderr).toContain('shown only once');
    const prefix = key.split('_')[1]!;
    await expect(store.authenticate(key)).resolves.toMatchObject({
      tenantPartnerId: 9,
      partnerKind: 'carrier',
    });

    const listed = await run('list');
    const line = listed.stdout.split('\n').find((row) => row.startsWith(prefix));
    expect(line).toContain('CLI key\tpartner\ttenant=9 (carrier)\tscopes=orders:read');
    expect(listed.stdout).not.toContain(hashApiKey(key));

    await run('revoke', prefix);
    await expect(store.authenticate(key)).resolves.toBeNull();

    await expect(
      run('create', '--name', 'x', '--kind', 'partner', '--scopes', 'orders:read'),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('a partner key needs --tenant and --partner-kind'),
    });
    await expect(
      run(
        'create',
        '--name',
        'x',
        '--kind',
        'partner',
        '--tenant',
        '9',
        '--partner-kind',
        'customer',
        '--scopes',
        'finance:read',
      ),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('internal-only scopes: finance:read'),
    });
    await expect(run('revoke', 'nosuchkey')).rejects.toMatchObject({ code: 2 });
  }, 60_000);

  it('creates a key restricted to persisted documents with --persisted-only, shown in list and kept on rotate', async () => {
    const created = await run(
      'create',
      '--name',
      'Kiosk',
      '--kind',
      'partner',
      '--tenant',
      '9',
      '--partner-kind',
      'customer',
      '--scopes',
      'orders:read',
      '--persisted-only',
    );
    const key = created.stdout.trim();
    expect(created.stderr).toContain('persisted documents only');
    const prefix = key.split('_')[1]!;
    await expect(store.authenticate(key)).resolves.toEqual({
      kind: 'partner',
      id: `key:${prefix}`,
      name: 'Kiosk',
      tenantPartnerId: 9,
      partnerKind: 'customer',
      scopes: ['orders:read'],
      persistedOnly: true,
    });

    const plain = (
      await run('create', '--name', 'Staff', '--kind', 'internal', '--scopes', 'orders:read')
    ).stdout.trim();
    await expect(store.authenticate(plain)).resolves.not.toHaveProperty('persistedOnly');

    const listed = (await run('list')).stdout.split('\n');
    expect(listed.find((row) => row.startsWith(prefix))).toContain('scopes=orders:read\tpersistedOnly=yes');
    expect(listed.find((row) => row.startsWith(plain.split('_')[1]!))).toContain('persistedOnly=no');

    const rotated = (await run('rotate', prefix, '--overlap', '0m')).stdout.trim();
    await expect(store.authenticate(rotated)).resolves.toMatchObject({ persistedOnly: true });
  }, 60_000);
});

describe('the access subgraph', () => {
  let access: RunningSubgraph;
  let gateway: RunningGateway;

  beforeAll(async () => {
    access = await startAccessSubgraph({ keys: store, logger, identitySecret: TEST_IDENTITY_SECRET });
    const { supergraphSdl } = composeGraph([{ name: 'access', schema: accessSchema, url: access.url }]);
    gateway = await startGateway({
      port: 0,
      supergraphSdl,
      identitySecret: TEST_IDENTITY_SECRET,
      apiKeys: store,
      logger,
    });
  });

  afterAll(async () => {
    await gateway.close();
    await access.close();
  });

  const CREATE = `mutation ($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      __typename
      ... on ApiKeyIssued { key apiKey { prefix name kind tenantPartnerId partnerKind scopes revokedAt } }
      ... on ApiKeyRefused { code message issues { path message } }
    }
  }`;
  const REVOKE = `mutation ($prefix: String!) {
    revokeApiKey(prefix: $prefix) { __typename ... on ApiKeyRevoked { apiKey { prefix revokedAt } } ... on ApiKeyRefused { code } }
  }`;

  it('creates, lists, rotates and revokes keys for an internal caller with keys:manage', async () => {
    const created = await postAs(access.url, internalPrincipal, CREATE, {
      input: {
        name: 'Portal',
        kind: 'PARTNER',
        tenantPartnerId: 7,
        partnerKind: 'MARKETPLACE',
        scopes: ['orders:read'],
      },
    });
    expect(created.body.errors).toBeUndefined();
    const issued = created.body.data.createApiKey;
    expect(issued).toMatchObject({
      __typename: 'ApiKeyIssued',
      apiKey: {
        name: 'Portal',
        kind: 'PARTNER',
        tenantPartnerId: 7,
        partnerKind: 'MARKETPLACE',
        scopes: ['orders:read'],
        revokedAt: null,
      },
    });
    await expect(store.authenticate(issued.key)).resolves.toMatchObject({ tenantPartnerId: 7 });

    const listed = await postAs(
      access.url,
      internalPrincipal,
      '{ apiKeys(first: 100) { edges { node { prefix name } } } }',
    );
    expect(listed.body.data.apiKeys.edges).toContainEqual({
      node: { prefix: issued.apiKey.prefix, name: 'Portal' },
    });

    const rotated = await postAs(
      access.url,
      internalPrincipal,
      'mutation ($p: String!) { rotateApiKey(prefix: $p, overlapHours: 1) { ... on ApiKeyIssued { key previous { prefix expiresAt } } } }',
      { p: issued.apiKey.prefix },
    );
    expect(rotated.body.data.rotateApiKey.previous).toEqual({
      prefix: issued.apiKey.prefix,
      expiresAt: expect.any(String),
    });

    const revoked = await postAs(access.url, internalPrincipal, REVOKE, { prefix: issued.apiKey.prefix });
    expect(revoked.body).toEqual({
      data: {
        revokeApiKey: {
          __typename: 'ApiKeyRevoked',
          apiKey: { prefix: issued.apiKey.prefix, revokedAt: expect.any(String) },
        },
      },
    });
    await expect(store.authenticate(issued.key)).resolves.toBeNull();
  });

  it('creates a key restricted to persisted documents when asked (persistedOnly, default false)', async () => {
    const create = (input: Record<string, unknown>) =>
      postAs(
        access.url,
        internalPrincipal,
        `mutation ($input: CreateApiKeyInput!) {
          createApiKey(input: $input) { ... on ApiKeyIssued { key apiKey { prefix persistedOnly } } }
        }`,
        { input: { name: 'Kiosk', kind: 'INTERNAL', scopes: ['catalog:read'], ...input } },
      );
    const restricted = await create({ persistedOnly: true });
    expect(restricted.body.errors).toBeUndefined();
    const issued = restricted.body.data.createApiKey;
    expect(issued.apiKey.persistedOnly).toBe(true);
    await expect(store.authenticate(issued.key)).resolves.toMatchObject({
      kind: 'internal',
      persistedOnly: true,
    });

    const open = (await create({})).body.data.createApiKey;
    expect(open.apiKey.persistedOnly).toBe(false);
    await expect(store.authenticate(open.key)).resolves.not.toHaveProperty('persistedOnly');

    const listed = await postAs(
      access.url,
      internalPrincipal,
      '{ apiKeys(first: 100) { edges { node { prefix persistedOnly } } } }',
    );
    expect(listed.body.data.apiKeys.edges).toEqual(
      expect.arrayContaining([
        { node: { prefix: issued.apiKey.prefix, persistedOnly: true } },
        { node: { prefix: open.apiKey.prefix, persistedOnly: false } },
      ]),
    );
  });

  it('answers business failures in the result type', async () => {
    const refused = await postAs(access.url, internalPrincipal, CREATE, {
      input: {
        name: 'Greedy',
        kind: 'PARTNER',
        tenantPartnerId: 7,
        partnerKind: 'CUSTOMER',
        scopes: ['margin:read'],
      },
    });
    expect(refused.body).toEqual({
      data: {
        createApiKey: {
          __typename: 'ApiKeyRefused',
          code: 'INVALID_INPUT',
          message: expect.stringContaining('internal-only scopes: margin:read'),
          issues: [
            {
              path: 'principal.scopes',
              message: 'a partner key may not carry internal-only scopes: margin:read',
            },
          ],
        },
      },
    });
    const unknown = await postAs(access.url, internalPrincipal, REVOKE, { prefix: 'nosuchkey' });
    expect(unknown.body).toEqual({
      data: { revokeApiKey: { __typename: 'ApiKeyRefused', code: 'UNKNOWN_KEY' } },
    });
  });

  it('refuses a partner (FORBIDDEN), an internal caller without keys:manage and an anonymous one', async () => {
    const partnerAnswer = await postAs(access.url, partnerPrincipal(7), REVOKE, { prefix: 'whatever' });
    expect(partnerAnswer.body.errors).toEqual([
      expect.objectContaining({
        path: ['revokeApiKey'],
        extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
      }),
    ]);
    const readOnly = { ...internalPrincipal, scopes: ['orders:read'] };
    const list = await postAs(access.url, readOnly, '{ apiKeys { edges { node { prefix } } } }');
    expect(list.body.errors?.[0]).toMatchObject({ path: ['apiKeys'], extensions: { code: 'FORBIDDEN' } });
    const anonymous = await postAs(access.url, null, '{ apiKeys { edges { node { prefix } } } }');
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('through the gateway: a partner asking for keys is refused FORBIDDEN naming keys:manage', async () => {
    const { key } = await store.create({ name: 'nosy partner', principal: partner });
    const response = await post(gateway.url, '{ apiKeys(first: 1) { edges { node { prefix } } } }', {
      authorization: `Bearer ${key}`,
    });
    expect(response.status).toBe(403);
    expect(response.body).toEqual({
      errors: [
        {
          message: 'Missing scope keys:manage for Query.apiKeys',
          locations: [expect.any(Object)],
          path: ['apiKeys'],
          extensions: { code: 'FORBIDDEN', missingScopes: ['keys:manage'], coordinate: 'Query.apiKeys' },
        },
      ],
    });
  });

  it('through the gateway: a revoked key gets 401 on the very next request', async () => {
    const { key, record } = await store.create({
      name: 'ops',
      principal: { kind: 'internal', scopes: ['keys:manage'] },
    });
    const headers = { authorization: `Bearer ${key}` };
    const before = await post(gateway.url, '{ apiKeys(first: 1) { edges { node { prefix } } } }', headers);
    expect(before.status).toBe(200);
    expect(before.body.errors).toBeUndefined();
    await post(gateway.url, `mutation { revokeApiKey(prefix: "${record.prefix}") { __typename } }`, headers);
    const after = await post(gateway.url, '{ apiKeys(first: 1) { edges { node { prefix } } } }', headers);
    expect(after.status).toBe(401);
    expect(after.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
