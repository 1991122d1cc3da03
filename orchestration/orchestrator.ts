import { hostname } from 'node:os';
import { Worker } from 'bullmq';
import { createClient } from 'redis';
import type { CarrierClient } from '../connectors/carrier/client.js';
import type { OdooClient } from '../connectors/odoo/client.js';
import type { WmsClient } from '../connectors/wms/client.js';
import { EntityCache } from '../platform/cache/entity-cache.js';
import { InvalidatingEventLog } from '../platform/cache/invalidating-event-log.js';
import type { Logger } from '../platform/logger.js';
import type { StuckPhase } from '../platform/orchestration/fulfillment-steps.js';
import type {
  OrchestrationInput,
  OrchestrationState,
} from '../platform/orchestration/orchestration-state.js';
import { startOrchestration } from '../platform/orchestration/orchestration-starter.js';
import { OrchestrationStore } from '../platform/orchestration/orchestration-store.js';
import { FulfillmentProgressReader } from '../platform/orchestration/progress-reader.js';
import { connectRedis } from '../platform/redis.js';
import { runFulfillmentListener } from './fulfillment-listener.js';
import type { OrchestrationSettings } from './orchestration-config.js';
import {
  ORCHESTRATION_QUEUE_NAME,
  OrchestrationQueue,
} from '../platform/orchestration/orchestration-queue.js';
import { createProcessor } from './process-job.js';
import { startSweeper } from './sweeper.js';

export interface OrchestratorOptions {
  redisUrl: string;
  /** Key namespace of the state and the queue. Default `dg`. */
  namespace?: string;
  /** The entity cache's namespace, whose entries its events evict. Default the cache's (`dg:cache`). */
  cacheNamespace?: string;
  /** The gateway response cache's namespace (default `dg`), whose stale responses its events evict. */
  responseCacheNamespace?: string;
  /** The event log read for WMS progress and written to notify partners. Default `dg:events`. */
  stream?: string;
  odoo: OdooClient;
  wms: WmsClient;
  carrier: CarrierClient;
  settings: OrchestrationSettings;
  /** This process's name among the workers. Default host and pid. */
  consumerName?: string;
  logger: Logger;
}

export interface RunningOrchestrator {
  /**
   * Starts the orchestration of a captured order (idempotent: a second call for the same order returns
   * its state and only makes sure its current step is queued). The orders subgraph's `onCaptured`.
   */
  startOrchestration(input: OrchestrationInput): Promise<OrchestrationState>;
  /** The read model: progress per order, stuck orders. */
  progress: FulfillmentProgressReader;
  /** Orders stuck longer than their phase's limit, per phase (for metrics). */
  stuckCounts(): Promise<Record<StuckPhase, number>>;
  /**
   * Stops. Graceful: waits for the steps in flight. `abrupt`: drops every connection at once, as a
   * crashing process would (tests use it; the steps in flight are taken over by another worker).
   */
  close(options?: { abrupt?: boolean }): Promise<void>;
}

/** The orchestration's runtime: state store, BullMQ queue and worker, event listener, sweeper. */
export async function startOrchestrator(options: OrchestratorOptions): Promise<RunningOrchestrator> {
  const { settings, logger } = options;
  const { tuning } = settings;
  const namespace = options.namespace ?? 'dg';
  const redis = await connectRedis({ url: options.redisUrl, logger: logger.child({ part: 'redis' }) });
  const store = new OrchestrationStore({ redis, namespace });
  // What the orchestration announces (an order fulfilled, with its invoices) evicts the cached entries it
  // makes stale before anyone can read the event, as for every other producer.
  const cache = new EntityCache({
    redis,
    logger: logger.child({ part: 'cache' }),
    ...(options.cacheNamespace ? { namespace: options.cacheNamespace } : {}),
  });
  const events = new InvalidatingEventLog({
    redis,
    cache,
    responseCache: { redis, namespace: options.responseCacheNamespace ?? 'dg' },
    ...(options.stream ? { stream: options.stream } : {}),
  });
  const queue = new OrchestrationQueue({
    redisUrl: options.redisUrl,
    namespace,
    attempts: tuning.attempts,
    backoffMs: tuning.backoffMs,
    logger,
  });
  const services = {
    odoo: options.odoo,
    wms: options.wms,
    carrier: options.carrier,
    events,
    ratePolicy: settings.ratePolicy,
    origins: settings.origins,
    parcel: tuning.parcel,
    logger,
  };
  const workerClient = createClient({ url: options.redisUrl });
  workerClient.on('error', () => undefined); // the worker emits and logs connection failures itself
  const worker = new Worker(
    ORCHESTRATION_QUEUE_NAME,
    createProcessor({ store, queue, services, pollMs: tuning.pollMs, logger }),
    {
      connection: workerClient,
      prefix: `${namespace}:bull`,
      concurrency: tuning.concurrency,
      lockDuration: tuning.lockDurationMs,
      stalledInterval: tuning.stalledIntervalMs,
      // A job whose worker died is taken over; only one that kills worker after worker is given up
      // (and then re-queued by the sweeper, which finds the order idle).
      maxStalledCount: 5,
    },
  );
  worker.on('error', (error) => logger.warn({ err: error }, 'orchestration worker error'));
  const consumer = options.consumerName ?? `${hostname()}:${process.pid}`;
  const listening = new AbortController();
  const listener = runFulfillmentListener(
    { redis, log: events, store, queue, consumer, logger },
    listening.signal,
  ).catch((error: unknown) => {
    if (!listening.signal.aborted) logger.error({ err: error }, 'orchestration event listener stopped');
  });
  const sweeper = startSweeper({
    store,
    queue,
    everyMs: tuning.sweepEveryMs,
    idleMs: tuning.sweepIdleMs,
    logger,
  });
  const progress = new FulfillmentProgressReader(store, settings.stuckLimits);

  return {
    startOrchestration: (input) => startOrchestration({ store, queue }, input),
    progress,
    stuckCounts: () => progress.stuckCounts(),
    async close(closeOptions = {}) {
      listening.abort();
      if (closeOptions.abrupt) {
        // Connections first, so that nothing in flight can save another state.
        if (redis.isOpen) redis.destroy();
        if (workerClient.isOpen) workerClient.destroy();
        await Promise.allSettled([worker.close(true), queue.close(true), sweeper.stop(), listener]);
        return;
      }
      await sweeper.stop();
      await worker.close();
      await queue.close();
      await listener;
      if (workerClient.isOpen) workerClient.destroy();
      if (redis.isOpen) redis.destroy();
    },
  };
}
