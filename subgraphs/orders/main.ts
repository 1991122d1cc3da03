/**
 * `npm run start:orders`: the orders subgraph as its own process (see platform/graphql/subgraph-process.ts).
 * With REDIS_URL, `captureOrder` keeps its idempotency keys and reference locks there, under
 * REDIS_KEY_NAMESPACE (default `dg`); without it `captureOrder` answers IDEMPOTENCY_UNAVAILABLE.
 */
import { z } from 'zod';
import { runSubgraphProcess } from '../../platform/graphql/subgraph-process.js';
import { connectRedis } from '../../platform/redis.js';
import { DEFAULT_SUBGRAPH_PORTS } from '../ports.js';
import { startOrdersSubgraph } from './server.js';

const namespace = z.string().min(1).default('dg').parse(process.env.REDIS_KEY_NAMESPACE);

await runSubgraphProcess('orders', DEFAULT_SUBGRAPH_PORTS.orders, async (options) => {
  // REDIS_URL has been validated with the rest of the environment by now.
  const url = process.env.REDIS_URL;
  const redis = url
    ? await connectRedis({ url, logger: options.logger.child({ part: 'redis' }) })
    : undefined;
  try {
    const subgraph = await startOrdersSubgraph({
      ...options,
      ...(redis ? { redis, capture: { namespace } } : {}),
    });
    return {
      ...subgraph,
      close: async () => {
        await subgraph.close();
        redis?.destroy();
      },
    };
  } catch (error) {
    redis?.destroy();
    throw error;
  }
});
