/**
 * Rate limits in Redis (REDIS_URL, default redis://127.0.0.1:6379), each test under its own key
 * namespace, removed afterwards: the token buckets themselves (atomic under concurrency), per-principal
 * budgets in cost units at the gateway (429 with Retry-After, then recovery), and the throttle of wrong
 * credentials, which refuses before the key store is asked again.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { post } from '../gateway/support/gateway-client.js';
import type { ApiKeyStore } from '../../platform/auth/api-key-store.js';
import { createLogger } from '../../platform/logger.js';
import { InMemoryTokenBuckets } from '../../platform/rate-limit/in-memory-token-buckets.js';
import { RedisTokenBuckets } from '../../platform/rate-limit/redis-token-buckets.js';
import { connectRedis, type RedisClient } from '../../platform/redis.js';
import { as, securityKeyStore, startSecurityGraph, type SecurityGraph } from './support/security-graph.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = createLogger({ name: 'rate-limit-test', level: 'silent' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let redis: RedisClient;
const namespaces: string[] = [];
const namespace = () => {
  const name = `test-rl-${randomUUID()}`;
  namespaces.push(name);
  return name;
};

beforeAll(async () => {
  redis = await connectRedis({ url: REDIS_URL, logger });
});
afterAll(async () => {
  for (const name of namespaces) {
    const keys: string[] = [];
    for await (const batch of redis.scanIterator({ MATCH: `${name}:*`, COUNT: 100 })) keys.push(...batch);
    if (keys.length > 0) await redis.del(keys);
  }
  redis.destroy();
});

describe.each([
  ['Redis', () => new RedisTokenBuckets({ redis, namespace: namespace() })],
  ['memory', () => new InMemoryTokenBuckets()],
])('token buckets in %s', (_name, create) => {
  const spec = { capacity: 10, refillPerSecond: 0.01 };

  it('grants exactly the capacity to concurrent takers', async () => {
    const buckets = create();
    const results = await Promise.all(Array.from({ length: 30 }, () => buckets.take('k', 1, spec)));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    const refused = results.find((r) => !r.allowed)!;
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(99);
  });

  it('changes nothing on a dry run', async () => {
    const buckets = create();
    await buckets.take('k', 4, spec);
    await expect(buckets.take('k', 6, spec, { dryRun: true })).resolves.toMatchObject({ allowed: true });
    await expect(buckets.take('k', 7, spec, { dryRun: true })).resolves.toMatchObject({ allowed: false });
    await expect(buckets.take('k', 6, spec)).resolves.toMatchObject({ allowed: true });
  });

  it('refills with time', async () => {
    const buckets = create();
    const fast = { capacity: 2, refillPerSecond: 20 };
    await buckets.take('k', 2, fast);
    await expect(buckets.take('k', 2, fast)).resolves.toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    await sleep(150);
    await expect(buckets.take('k', 2, fast)).resolves.toMatchObject({ allowed: true });
  });
});

describe('per-principal budgets in cost units', () => {
  let graph: SecurityGraph;
  const query = '{ products(first: 7) { sku name } }'; // costs 7

  beforeAll(async () => {
    graph = await startSecurityGraph({
      security: { redis, redisNamespace: namespace(), partnerBudget: { capacity: 14, refillPerSecond: 7 } },
    });
  });
  afterAll(() => graph.close());

  it('refuses a partner over its budget with 429 and Retry-After, calling no subgraph, then lets it recover', async () => {
    // 14 units, refilled at 7 a second: two operations of 7 empty it for a second.
    expect((await post(graph.gateway.url, query, as('partner'))).status).toBe(200);
    expect((await post(graph.gateway.url, query, as('partner'))).status).toBe(200);
    const before = graph.subgraphRequests();
    const refused = await post(graph.gateway.url, query, as('partner'));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.body).toEqual({
      errors: [
        {
          message: 'Rate limit of 14 cost units exceeded (this operation costs 7); retry in 1 s.',
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 1 },
        },
      ],
    });
    expect(graph.subgraphRequests()).toBe(before);
    await sleep(1100);
    expect((await post(graph.gateway.url, query, as('partner'))).body.data.products).toHaveLength(5);
  });

  it('keeps one budget per principal, and none for internal callers by default', async () => {
    for (let i = 0; i < 5; i += 1)
      expect((await post(graph.gateway.url, query, as('internal'))).status).toBe(200);
  });
});

describe('wrong credentials', () => {
  let graph: SecurityGraph;
  let lookups = 0;
  const counting: ApiKeyStore = {
    ...securityKeyStore,
    authenticate: (key) => {
      lookups += 1;
      return securityKeyStore.authenticate(key);
    },
  };

  beforeAll(async () => {
    graph = await startSecurityGraph({
      apiKeys: counting,
      security: { redis, redisNamespace: namespace(), authFailures: { capacity: 3, refillPerSecond: 0.01 } },
    });
  });
  afterAll(() => graph.close());

  it('are refused with 429 after the third from one address, before the key store is asked again', async () => {
    const wrong = { authorization: 'Bearer key-of-nobody' };
    for (let i = 0; i < 3; i += 1)
      expect((await post(graph.gateway.url, '{ __typename }', wrong)).status).toBe(401);
    const asked = lookups;
    const refused = await post(graph.gateway.url, '{ __typename }', wrong);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(60);
    expect(refused.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    // The address is throttled, whatever key it tries next.
    expect((await post(graph.gateway.url, '{ __typename }', as('partner'))).status).toBe(429);
    expect(lookups).toBe(asked);
  });

  it('count wrong keys at the operations page’s sign-in, which shares the address’s bucket', async () => {
    let asked = 0;
    const fresh = await startSecurityGraph({
      apiKeys: {
        ...securityKeyStore,
        authenticate: (key) => {
          asked += 1;
          return securityKeyStore.authenticate(key);
        },
      },
      security: { redis, redisNamespace: namespace(), authFailures: { capacity: 2, refillPerSecond: 0.01 } },
    });
    const signIn = (key: string) =>
      fetch(new URL('/ops/session', fresh.gateway.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ key }),
      });
    try {
      for (let i = 0; i < 2; i += 1) expect((await signIn(`guess-${i}`)).status).toBe(401);
      const before = asked;
      const refused = await signIn('guess-2');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(60);
      expect(
        ((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
      ).toBe('RATE_LIMITED');
      // The same address's GraphQL requests with a key are refused too, and no key is looked up.
      expect((await post(fresh.gateway.url, '{ __typename }', as('partner'))).status).toBe(429);
      expect(asked).toBe(before);
    } finally {
      await fresh.close();
    }
  });

  it('do not count requests without any credential', async () => {
    const fresh = await startSecurityGraph({
      security: { redis, redisNamespace: namespace(), authFailures: { capacity: 1, refillPerSecond: 0.01 } },
    });
    try {
      for (let i = 0; i < 3; i += 1)
        expect((await post(fresh.gateway.url, '{ __typename }')).status).toBe(401);
      expect((await post(fresh.gateway.url, '{ __typename }', as('partner'))).status).toBe(200);
    } finally {
      await fresh.close();
    }
  });
});

describe('without Redis', () => {
  it('warns at start that limits are kept in memory', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const graph = await startSecurityGraph({
      logger: createLogger({ name: 'gw', level: 'warn', destination }),
    });
    await graph.close();
    expect(lines.join('')).toMatch(/no Redis \(REDIS_URL\): rate limits are kept in this process only/);
  });
});
