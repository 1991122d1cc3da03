/**
 * The cache survives a Redis restart: while its Redis is down, queries answer from Odoo without errors
 * and without waiting on timeouts; once Redis is back, caching resumes. The Redis is a private
 * `redis-server` of this test, stopped by its PID.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { startOdooEmulator, type RunningOdooEmulator } from '../../connectors/odoo/emulator/server.js';
import { OdooClient, odooConfigSchema } from '../../connectors/odoo/index.js';
import type { RunningSubgraph } from '../../platform/graphql/start-subgraph-server.js';
import { connectRedis, type RedisClient } from '../../platform/redis.js';
import { startInventorySubgraph } from '../../subgraphs/inventory/server.js';
import { internalPrincipal, postAs, TEST_IDENTITY_SECRET } from '../support/graphql.js';
import { newCache, silent } from './cache-support.js';

const PRODUCT = `query ($sku: String!) { product(sku: $sku) { sku name } }`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A redis-server on `port` without persistence, answering PING. */
async function startRedisServer(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const probe = await connectRedis({
      url: `redis://127.0.0.1:${port}`,
      logger: silent,
      connectTimeoutMs: 200,
    }).catch(() => null);
    if (probe) {
      probe.destroy();
      return child;
    }
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not start on ${port}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid!, 'SIGKILL');
  return exited;
}

describe('entity cache across a Redis restart', () => {
  let port: number;
  let server: ChildProcess;
  let redis: RedisClient;
  let odoo: RunningOdooEmulator;
  let inventory: RunningSubgraph;
  let sku: string;
  const odooCalls = () => odoo.emulator.calls.total();
  const ask = () => postAs(inventory.url, internalPrincipal, PRODUCT, { sku });

  beforeAll(async () => {
    port = await freePort();
    server = await startRedisServer(port);
    redis = await connectRedis({ url: `redis://127.0.0.1:${port}`, logger: silent });
    odoo = await startOdooEmulator({ port: 0, demo: { scale: 0.25, seed: 4 } });
    const client = new OdooClient({
      config: odooConfigSchema.parse({
        url: odoo.url,
        apiKey: odoo.apiKey,
        database: odoo.database,
        login: odoo.login,
        protocol: 'json2',
      }),
      logger: silent,
    });
    inventory = await startInventorySubgraph({
      odoo: client,
      logger: silent,
      identitySecret: TEST_IDENTITY_SECRET,
      cache: newCache(redis, 'dg:cache', { retryAfterMs: 200 }),
    });
    const [found] = await client.searchRead('product.product', {
      domain: [['default_code', '!=', false]],
      fields: ['default_code'],
      limit: 1,
    });
    sku = found!.default_code!;
  });
  afterAll(async () => {
    await inventory?.close();
    await odoo?.close();
    redis?.destroy();
    if (server) await stop(server);
  });

  it('answers from Odoo while Redis is down, fast and without errors, and caches again once it is back', async () => {
    const answer = (await ask()).body;
    expect(answer).toEqual({ data: { product: { sku, name: expect.any(String) } } });
    let calls = odooCalls();
    await expect(ask()).resolves.toEqual({ status: 200, body: answer });
    expect(odooCalls() - calls).toBe(0);

    await stop(server);
    calls = odooCalls();
    const started = Date.now();
    for (let i = 0; i < 5; i += 1) await expect(ask()).resolves.toEqual({ status: 200, body: answer });
    expect(odooCalls() - calls).toBe(5);
    expect(Date.now() - started).toBeLessThan(2000);

    server = await startRedisServer(port);
    // The client reconnects with backoff (up to 2 s); the guard tries Redis again after 200 ms.
    const deadline = Date.now() + 8000;
    while (!redis.isReady && Date.now() < deadline) await sleep(50);
    await sleep(250);
    await expect(ask()).resolves.toEqual({ status: 200, body: answer });
    calls = odooCalls();
    await expect(ask()).resolves.toEqual({ status: 200, body: answer });
    expect(odooCalls() - calls).toBe(0);
  });
});
