/**
 * The audit trail in a Redis stream (REDIS_URL, a stream per run, deleted afterwards): every mutation,
 * every denied access and every partner read of a `@requiresScopes` field is one event with who, which
 * operation, which entities, the outcome and the correlation id; other reads are not audited.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { post, subscribe } from '../gateway/support/gateway-client.js';
import { AuditLog } from '../../platform/audit/audit-log.js';
import { createLogger } from '../../platform/logger.js';
import { connectRedis, type RedisClient } from '../../platform/redis.js';
import { as, startSecurityGraph, type SecurityGraph } from './support/security-graph.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = createLogger({ name: 'audit-test', level: 'silent' });
const stream = `test-audit-${randomUUID()}`;
const namespace = `test-audit-rl-${randomUUID()}`;

let redis: RedisClient;
let graph: SecurityGraph;

/** The events whose correlation id is `id`, as written in the stream. */
async function eventsOf(id: string): Promise<Record<string, string>[]> {
  const entries = await redis.xRange(stream, '-', '+');
  return entries
    .map((entry) => entry.message as Record<string, string>)
    .filter((e) => e.correlationId === id);
}

/** POSTs as `headers` with a fresh correlation id, and returns the response and the events it caused. */
async function audited(query: string, headers: Record<string, string>, variables = {}) {
  const correlationId = `audit-${randomUUID()}`;
  const response = await post(
    graph.gateway.url,
    query,
    { ...headers, 'x-correlation-id': correlationId },
    variables,
  );
  return { response, events: await eventsOf(correlationId), correlationId };
}

beforeAll(async () => {
  redis = await connectRedis({ url: REDIS_URL, logger });
  graph = await startSecurityGraph({
    limits: { maxAliases: 2 },
    security: {
      redis,
      auditStream: stream,
      redisNamespace: namespace,
      partnerBudget: { capacity: 150, refillPerSecond: 0.01 },
    },
  });
});
afterAll(async () => {
  await graph.close();
  const keys: string[] = [stream];
  for await (const batch of redis.scanIterator({ MATCH: `${namespace}:*` })) keys.push(...batch);
  await redis.del(keys);
  redis.destroy();
});

describe('the audit stream', () => {
  it('records a mutation with its principal, operation, entity and outcome', async () => {
    const { response, events, correlationId } = await audited(
      'mutation Rename($sku: String!) { rename(sku: $sku, name: "Oil") { sku } }',
      as('internal'),
      { sku: 'SKU-1' },
    );
    expect(response.body).toEqual({ data: { rename: { sku: 'SKU-1' } } });
    expect(events).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        principalKind: 'internal',
        principalId: 'staff-1',
        tenant: '',
        keyPrefix: '',
        operationName: 'Rename',
        operationType: 'mutation',
        outcome: 'allowed',
        code: '',
        reason: '',
        entities: JSON.stringify(['Mutation.rename(sku: "SKU-1")']),
        correlationId,
        clientAddress: expect.stringMatching(/127\.0\.0\.1/),
      },
    ]);
  });

  it('records a partner reading a @requiresScopes field, with its tenant and the coordinate', async () => {
    const { response, events } = await audited(
      'query Stock { product(sku: "SKU-2") { sku available } }',
      as('partner'),
    );
    expect(response.body).toEqual({ data: { product: { sku: 'SKU-2', available: 1 } } });
    expect(events).toMatchObject([
      {
        principalKind: 'partner',
        principalId: 'partner-a',
        tenant: '7',
        operationName: 'Stock',
        operationType: 'query',
        outcome: 'allowed',
        entities: JSON.stringify(['Product.available']),
      },
    ]);
  });

  it('does not record a partner read of unrestricted fields, nor internal reads of restricted ones', async () => {
    expect((await audited('{ product(sku: "SKU-2") { sku name } }', as('partner'))).events).toEqual([]);
    expect((await audited('{ product(sku: "SKU-2") { available } }', as('internal'))).events).toEqual([]);
  });

  it.each([
    ['a wrong key', { authorization: 'Bearer key-of-nobody' }, 'anonymous', 'UNAUTHENTICATED'],
    ['no credential', {}, 'anonymous', 'UNAUTHENTICATED'],
    ['an ad-hoc query of a persisted-only key', as('persisted'), 'anonymous', 'PERSISTED_DOCUMENT_REQUIRED'],
  ])('records a denial: %s', async (_case, headers, principalKind, code) => {
    const { events } = await audited('query One { products(first: 1) { sku } }', headers);
    expect(events).toMatchObject([{ outcome: 'denied', code, principalKind, operationName: 'One' }]);
  });

  it('records an operation over a limit, refused before the caller is authenticated', async () => {
    const query =
      'query Many { a: products(first: 1) { sku } b: products(first: 1) { sku } c: products(first: 1) { sku } }';
    const { events } = await audited(query, as('partner'));
    expect(events).toMatchObject([
      { outcome: 'denied', code: 'LIMIT_EXCEEDED', operationName: 'Many', operationType: 'query' },
    ]);
  });

  it('records a rate-limited operation with its principal', async () => {
    const query = 'query Big { products(first: 100) { sku name } }'; // costs 100 of the 150
    expect((await audited(query, as('partner'))).response.status).toBe(200);
    const over = await audited(query, as('partner'));
    expect(over.response.status).toBe(429);
    expect(over.events).toMatchObject([
      {
        outcome: 'denied',
        code: 'RATE_LIMITED',
        principalId: 'partner-a',
        tenant: '7',
        operationName: 'Big',
      },
    ]);
  });

  it('records a failed mutation as failed, with its code', async () => {
    const { events } = await audited('mutation { rename(sku: "LOCKED", name: "x") { sku } }', as('internal'));
    expect(events).toMatchObject([
      {
        operationType: 'mutation',
        principalId: 'staff-1',
        outcome: 'failed',
        code: 'UPSTREAM_ERROR',
        entities: JSON.stringify(['Mutation.rename(sku: "LOCKED")']),
      },
    ]);
  });
});

describe('the audit stream over graphql-ws', () => {
  it('records a partner read of a @requiresScopes field over a WebSocket, once', async () => {
    const before = (await redis.xRange(stream, '-', '+')).length;
    const results = await subscribe(
      graph.gateway.url,
      'query OverWs { product(sku: "SKU-3") { available } }',
      {
        authorization: as('partner').authorization,
      },
    );
    expect(results).toEqual([{ data: { product: { available: 2 } } }]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const added = (await redis.xRange(stream, '-', '+')).slice(before).map((entry) => entry.message);
    expect(added).toMatchObject([
      {
        operationName: 'OverWs',
        operationType: 'query',
        outcome: 'allowed',
        principalId: 'partner-a',
        entities: JSON.stringify(['Product.available']),
      },
    ]);
  });

  it('never runs a mutation over a WebSocket (it is refused like a GET)', async () => {
    const results = await subscribe(
      graph.gateway.url,
      'mutation { rename(sku: "SKU-3", name: "x") { sku } }',
      {
        authorization: as('internal').authorization,
      },
    );
    expect(results).toMatchObject([{ errors: [{ extensions: { code: 'BAD_REQUEST' } }] }]);
  });
});

describe('AuditLog', () => {
  it('keeps the stream trimmed to about its maximum length', async () => {
    const key = `test-audit-trim-${randomUUID()}`;
    const log = new AuditLog({ logger, redis, stream: key, maxLength: 10 });
    const event = {
      principal: { kind: 'anonymous' as const, id: null, tenant: null },
      keyPrefix: null,
      operation: { name: null, type: null },
      outcome: 'denied' as const,
      code: 'UNAUTHENTICATED',
      reason: null,
      entities: [],
      correlationId: null,
      clientAddress: null,
    };
    try {
      for (let i = 0; i < 300; i += 1) await log.record(event);
      expect(await redis.xLen(key)).toBeLessThan(300);
    } finally {
      await redis.del(key);
    }
  });

  it('writes to the log only without Redis', async () => {
    const log = new AuditLog({ logger });
    expect(log.destination).toBe('log only');
    await expect(
      log.record({
        ...{ principal: { kind: 'anonymous', id: null, tenant: null } },
        keyPrefix: null,
        operation: { name: null, type: null },
        outcome: 'denied',
        code: null,
        reason: null,
        entities: [],
        correlationId: null,
        clientAddress: null,
      }),
    ).resolves.toMatchObject({ outcome: 'denied' });
  });
});
