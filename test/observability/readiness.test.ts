/**
 * Issue 9, part 3: `/readyz` names a dependency that went away and why, and recovers when it is back
 * (a private redis-server killed by its PID, then started again on the same port); shutdown turns
 * `/readyz` 503 first, while the servers still answer, then closes them.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { createLogger } from '../../platform/logger.js';
import { redisCheck } from '../../platform/observability/dependency-checks.js';
import { connectRedis, type RedisClient } from '../../platform/redis.js';
import { startPrivateRedis, type PrivateRedis } from '../../stack/private-redis.js';
import { startTestGraph, type TestGraph } from '../gateway/support/start-test-graph.js';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { startSubgraphServer } from '../../platform/graphql/start-subgraph-server.js';
import { TEST_IDENTITY_SECRET } from '../support/graphql.js';

const logger = createLogger({ name: 'test-readiness', level: 'silent' });

async function readyz(origin: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${origin}/readyz`);
  return { status: response.status, body: await response.json() };
}

/** Polls `/readyz` until `accept` holds (a Redis client notices a lost connection within a second or two). */
async function readyzUntil(
  origin: string,
  accept: (answer: { status: number; body: any }) => boolean,
  timeoutMs = 10_000,
): Promise<{ status: number; body: any }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await readyz(origin);
    if (accept(answer)) return answer;
    if (Date.now() > deadline) throw new Error(`/readyz still answers ${JSON.stringify(answer)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A redis-server on exactly this port (the one the client keeps reconnecting to). */
function redisServerOn(port: number): ChildProcess {
  return spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
}

describe('gateway /readyz with Redis', () => {
  let privateRedis: PrivateRedis | null;
  let restarted: ChildProcess | undefined;
  let redis: RedisClient;
  let graph: TestGraph;

  beforeAll(async () => {
    privateRedis = await startPrivateRedis(logger);
    if (!privateRedis) throw new Error('these tests need redis-server installed');
    redis = await connectRedis({ url: privateRedis.url, logger });
    graph = await startTestGraph({
      security: { redis, authFailures: { capacity: 1_000, refillPerSecond: 1_000 } },
    });
  });

  afterAll(async () => {
    await graph?.close();
    redis?.destroy();
    await privateRedis?.stop();
    if (restarted?.pid !== undefined && restarted.exitCode === null) {
      const exited = new Promise((resolve) => restarted!.once('exit', resolve));
      restarted.kill('SIGTERM');
      await exited;
    }
  });

  it('reports a stopped Redis with the reason, and recovers when it is back', async () => {
    expect(await readyz(graph.origin)).toEqual({
      status: 200,
      body: {
        status: 'ready',
        subgraphs: [
          { name: 'catalog', url: graph.catalog.url, ok: true },
          { name: 'stock', url: graph.stock.url, ok: true },
        ],
        dependencies: { redis: { ok: true } },
      },
    });
    const port = Number(new URL(privateRedis!.url).port);
    await privateRedis!.stop();
    const down = await readyzUntil(graph.origin, (answer) => answer.status === 503);
    expect(down.body).toMatchObject({
      status: 'not ready',
      subgraphs: [{ ok: true }, { ok: true }],
      dependencies: { redis: { ok: false, error: expect.any(String) } },
    });
    expect(down.body.dependencies.redis.error).toMatch(/not connected|ECONNREFUSED|closed|no answer/);
    restarted = redisServerOn(port);
    const back = await readyzUntil(graph.origin, (answer) => answer.status === 200);
    expect(back.body).toMatchObject({ status: 'ready', dependencies: { redis: { ok: true } } });
  }, 30_000);
});

describe('shutdown turns /readyz 503 before closing', () => {
  it('gateway: draining while it still serves, then closed', async () => {
    const graph = await startTestGraph({ drainDelayMs: 400 });
    const closing = graph.gateway.close();
    const during = await readyz(graph.origin);
    expect(during).toEqual({ status: 503, body: { status: 'draining' } });
    expect((await fetch(`${graph.origin}/healthz`)).status).toBe(200);
    await closing;
    await expect(fetch(`${graph.origin}/readyz`)).rejects.toThrow();
    await graph.catalog.close();
    await graph.stock.close();
  });

  it('subgraph: its own dependency checks, then draining while it still serves', async () => {
    const privateRedis = await startPrivateRedis(logger);
    const redis = await connectRedis({ url: privateRedis!.url, logger });
    const stock = await startSubgraphServer({
      name: 'ping',
      schema: buildSubgraphSchema({ typeDefs: parse('type Query { ping: String }') }),
      logger,
      identitySecret: TEST_IDENTITY_SECRET,
      createContext: (base) => base,
      readiness: [redisCheck(redis)],
      drainDelayMs: 400,
    });
    const origin = new URL(stock.url).origin;
    try {
      expect(await readyz(origin)).toEqual({
        status: 200,
        body: { status: 'ready', dependencies: { redis: { ok: true } } },
      });
      const closing = stock.close();
      expect(await readyz(origin)).toEqual({ status: 503, body: { status: 'draining', dependencies: {} } });
      await closing;
    } finally {
      redis.destroy();
      await privateRedis!.stop();
    }
  });
});
