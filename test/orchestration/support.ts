import { randomUUID } from 'node:crypto';
import { CarrierClient, parseCarrierConfig } from '../../connectors/carrier/index.js';
import {
  startCarrierEmulator,
  type RunningCarrierEmulator,
} from '../../connectors/carrier/emulator/server.js';
import { OdooClient, odooConfigSchema, type OdooConfigInput } from '../../connectors/odoo/index.js';
import { startOdooEmulator, type RunningOdooEmulator } from '../../connectors/odoo/emulator/server.js';
import { parseWmsConfig, WmsClient, type WmsConfigInput } from '../../connectors/wms/index.js';
import { startWmsEmulator, type RunningWmsEmulator } from '../../connectors/wms/emulator/server.js';
import { EventLog } from '../../platform/events/event-log.js';
import { createLogger } from '../../platform/logger.js';
import type { OrchestrationState } from '../../platform/orchestration/orchestration-state.js';
import type { RedisClient } from '../../platform/redis.js';
import {
  loadOrchestrationSettings,
  orchestrationTuningSchema,
} from '../../orchestration/orchestration-config.js';
import { startOrchestrator, type RunningOrchestrator } from '../../orchestration/orchestrator.js';
import { ratePolicySchema, type RatePolicyInput } from '../../orchestration/rate-policy.js';
import type { StuckLimits } from '../../platform/orchestration/stuck-limits.js';
import { connect, deleteStream, waitFor } from '../platform/events/events-support.js';

export { waitFor };
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const logger = createLogger({ name: 'orchestration-test', level: 'silent' });

/** The WMS emulator's time between two steps of an order. */
export const WMS_STEP_MS = 60_000;

/** Short polls, locks and backoff, so that a test takes seconds. */
export const FAST_TUNING = {
  pollMs: 100,
  backoffMs: 50,
  attempts: 6,
  lockDurationMs: 1000,
  stalledIntervalMs: 300,
  sweepEveryMs: 200,
  sweepIdleMs: 3000,
};

/** The three emulators, clients of them, Redis and a namespace and stream of the test's own. */
export interface OrchestrationFixture {
  odoo: RunningOdooEmulator;
  wms: RunningWmsEmulator;
  carrier: RunningCarrierEmulator;
  odooClient: OdooClient;
  redis: RedisClient;
  events: EventLog;
  namespace: string;
  stream: string;
  /** An orchestrator over the fixture (closed with it unless closed before). */
  orchestrator(options?: {
    pollMs?: number;
    ratePolicy?: RatePolicyInput;
    stuckLimits?: Partial<StuckLimits>;
    wms?: Partial<WmsConfigInput>;
    odoo?: Partial<OdooConfigInput>;
  }): Promise<RunningOrchestrator>;
  close(): Promise<void>;
}

export async function startFixture(): Promise<OrchestrationFixture> {
  const odoo = await startOdooEmulator({ port: 0, demo: { scale: 0.25, seed: 3 } });
  const wms = await startWmsEmulator({ port: 0, cancelRate: 0, shortPickRate: 0, logger });
  const carrier = await startCarrierEmulator({ port: 0, exceptionRate: 0, logger });
  const odooConfig = (extra: Partial<OdooConfigInput> = {}) =>
    odooConfigSchema.parse({
      url: odoo.url,
      apiKey: odoo.apiKey,
      database: odoo.database,
      login: odoo.login,
      ...extra,
    });
  const odooClient = new OdooClient({ config: odooConfig(), logger });
  const redis = await connect();
  const stream = `test-o2c-${randomUUID()}`;
  const namespace = `${stream}:dg`;
  const events = new EventLog({ redis, stream });
  const running: RunningOrchestrator[] = [];
  const defaults = loadOrchestrationSettings({});
  return {
    odoo,
    wms,
    carrier,
    odooClient,
    redis,
    events,
    namespace,
    stream,
    async orchestrator(options = {}) {
      const orchestrator = await startOrchestrator({
        redisUrl: REDIS_URL,
        namespace,
        stream,
        // Failures are the orchestration's to retry here: one attempt per call, a breaker that heals fast.
        odoo: new OdooClient({
          config: odooConfig({ retryAttempts: 0, breakerHalfOpenAfterMs: 200, ...options.odoo }),
          logger,
        }),
        wms: new WmsClient(
          parseWmsConfig({ url: wms.url, token: wms.token, ...options.wms }, { mode: 'demo' }),
          {
            logger,
          },
        ),
        carrier: new CarrierClient(
          parseCarrierConfig({ url: carrier.url, apiKey: carrier.apiKey }, { mode: 'demo' }),
          {
            logger,
          },
        ),
        settings: {
          tuning: orchestrationTuningSchema.parse({
            ...FAST_TUNING,
            ...(options.pollMs ? { pollMs: options.pollMs } : {}),
          }),
          ratePolicy: ratePolicySchema.parse(options.ratePolicy ?? {}),
          stuckLimits: { ...defaults.stuckLimits, ...options.stuckLimits },
          origins: defaults.origins,
        },
        consumerName: `test-${running.length}`,
        logger,
      });
      running.push(orchestrator);
      return orchestrator;
    },
    async close() {
      await Promise.allSettled(running.map((o) => o.close()));
      const keys: string[] = [];
      for await (const batch of redis.scanIterator({ MATCH: `${namespace}:*`, COUNT: 1000 }))
        keys.push(...batch);
      if (keys.length > 0) await redis.del(keys);
      await deleteStream(redis, stream);
      redis.destroy();
      await Promise.all([odoo.close(), wms.close(), carrier.close()]);
    },
  };
}

/**
 * A draft order in Odoo for a demo customer without a credit limit (so that the credit check passes)
 * of `quantity` of a storable product the CHI warehouse has in stock, whose SKU the WMS stocks too.
 */
export async function createDraftOrder(
  fixture: OrchestrationFixture,
  quantity = 2,
): Promise<{ number: string; odooId: number; customerId: number; productId: number; sku: string }> {
  const client = fixture.odooClient;
  const [warehouse] = await client.searchRead('stock.warehouse', {
    domain: [['code', '=', 'CHI']],
    fields: ['code'],
  });
  const products = await client.searchRead('product.product', {
    domain: [
      ['is_storable', '=', true],
      ['default_code', '!=', false],
    ],
    fields: ['default_code', 'free_qty'],
    context: { warehouse: warehouse!.id },
    order: 'id asc',
  });
  const product = products.find((p) => (p.free_qty ?? 0) >= quantity * 3)!;
  const [customer] = await client.searchRead('res.partner', {
    domain: [
      ['is_company', '=', true],
      ['customer_rank', '>', 0],
    ],
    fields: ['name'],
    order: 'id asc',
    limit: 1,
  });
  await client.write('res.partner', [customer!.id], { credit_limit: 0 });
  const [odooId] = await client.create('sale.order', [
    {
      partner_id: customer!.id,
      warehouse_id: warehouse!.id,
      client_order_ref: `PO-${randomUUID().slice(0, 8)}`,
      order_line: [[0, 0, { product_id: product.id, product_uom_qty: quantity }]],
    },
  ]);
  const [order] = await client.read('sale.order', [odooId!], ['name']);
  fixture.wms.seedInventory('CHI', product.default_code!, 500);
  return {
    number: order!.name!,
    odooId: odooId!,
    customerId: customer!.id,
    productId: product.id,
    sku: product.default_code!,
  };
}

/** Resolves with the state once `check` holds for it. */
export async function stateWhen(
  orchestrator: RunningOrchestrator,
  number: string,
  check: (state: OrchestrationState) => boolean,
  timeoutMs = 30_000,
): Promise<OrchestrationState> {
  let last: OrchestrationState | null = null;
  try {
    await waitFor(async () => {
      last = await orchestrator.progress.get(number);
      return last !== null && check(last);
    }, timeoutMs);
  } catch (error) {
    throw new Error(`state of ${number} never matched; last: ${JSON.stringify(last, null, 1)}`, {
      cause: error,
    });
  }
  return last!;
}

/** Moves the WMS on by `steps` of its progression (received → allocated → picked → packed → shipped). */
export function advanceWms(fixture: OrchestrationFixture, steps: number): void {
  fixture.wms.clock.advance(steps * WMS_STEP_MS);
}

/** Reserved quantity of a product in the quants of a warehouse's stock location. */
export async function reservedAt(fixture: OrchestrationFixture, productId: number): Promise<number> {
  const quants = await fixture.odooClient.searchRead('stock.quant', {
    domain: [['product_id', '=', productId]],
    fields: ['reserved_quantity'],
  });
  return quants.reduce((sum, q) => sum + (q.reserved_quantity ?? 0), 0);
}
