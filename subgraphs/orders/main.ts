/**
 * `npm run start:orders`: the orders subgraph as its own process (see platform/graphql/subgraph-process.ts).
 * With REDIS_URL, `captureOrder` keeps its idempotency keys and reference locks there, under
 * REDIS_KEY_NAMESPACE (default `dg`), and each captured order's orchestration is started there for the
 * workers of `npm run start:orchestration` (same namespace, ORCHESTRATION_ATTEMPTS and _BACKOFF_MS);
 * `Order.progress`, `fulfillmentProgress` and `stuckOrders` read its state (ORCHESTRATION_STUCK_LIMITS_MS).
 * Without REDIS_URL, `captureOrder` answers IDEMPOTENCY_UNAVAILABLE and progress is not shown.
 */
import { z } from 'zod';
import { runSubgraphProcess } from '../../platform/graphql/subgraph-process.js';
import { loadStepRetry, OrchestrationQueue } from '../../platform/orchestration/orchestration-queue.js';
import { startOrchestration } from '../../platform/orchestration/orchestration-starter.js';
import { OrchestrationStore } from '../../platform/orchestration/orchestration-store.js';
import { FulfillmentProgressReader } from '../../platform/orchestration/progress-reader.js';
import { parseStuckLimits } from '../../platform/orchestration/stuck-limits.js';
import { connectRedis } from '../../platform/redis.js';
import { DEFAULT_SUBGRAPH_PORTS } from '../ports.js';
import { startOrdersSubgraph } from './server.js';

const namespace = z.string().min(1).default('dg').parse(process.env.REDIS_KEY_NAMESPACE);

await runSubgraphProcess('orders', DEFAULT_SUBGRAPH_PORTS.orders, async (options) => {
  // REDIS_URL has been validated with the rest of the environment by now.
  const url = process.env.REDIS_URL;
  if (!url) return startOrdersSubgraph(options);
  const redis = await connectRedis({ url, logger: options.logger.child({ part: 'redis' }) });
  const store = new OrchestrationStore({ redis, namespace });
  const queue = new OrchestrationQueue({
    redisUrl: url,
    namespace,
    ...loadStepRetry(process.env),
    logger: options.logger.child({ part: 'orchestration' }),
  });
  try {
    const subgraph = await startOrdersSubgraph({
      ...options,
      redis,
      capture: { namespace },
      progress: new FulfillmentProgressReader(
        store,
        parseStuckLimits(process.env.ORCHESTRATION_STUCK_LIMITS_MS),
      ),
      onCaptured: async (order) => void (await startOrchestration({ store, queue }, order)),
    });
    return {
      ...subgraph,
      close: async () => {
        await subgraph.close();
        await queue.close();
        redis.destroy();
      },
    };
  } catch (error) {
    await queue.close();
    redis.destroy();
    throw error;
  }
});
