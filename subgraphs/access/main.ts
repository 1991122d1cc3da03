/**
 * `npm run start:access`: the access subgraph as its own process, over the API keys and partner webhook
 * endpoints in Redis (REDIS_URL, required; REDIS_KEY_NAMESPACE, default `dg`; EVENT_STREAM, the event log
 * replays read, default `dg:events`), with the identity secret shared with the gateway. The events process
 * (`npm run start:events`) delivers what is registered here; give it the same namespace.
 */
import { z } from 'zod';
import { RedisApiKeyStore } from '../../platform/auth/redis-api-key-store.js';
import { printBanner } from '../../platform/banner.js';
import { EventLog } from '../../platform/events/event-log.js';
import { createLogger } from '../../platform/logger.js';
import { connectRedis } from '../../platform/redis.js';
import { runUntilSignal } from '../../platform/run-until-signal.js';
import { PartnerWebhooks } from '../../platform/webhooks/index.js';
import { DEFAULT_SUBGRAPH_PORTS } from '../ports.js';
import { startAccessSubgraph } from './server.js';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_SUBGRAPH_PORTS.access),
  HOST: z.string().min(1).default('127.0.0.1'),
  IDENTITY_SIGNING_SECRET: z.string().min(32, 'must be at least 32 characters, the same as the gateway'),
  REDIS_URL: z.url('required: where the API keys are stored, e.g. redis://127.0.0.1:6379'),
  REDIS_KEY_NAMESPACE: z.string().min(1).default('dg'),
  EVENT_STREAM: z.string().min(1).default('dg:events'),
  /** `production` refuses plain-http and loopback webhook endpoints. */
  DG_MODE: z.enum(['demo', 'production']).default('demo'),
});

const logger = createLogger({ name: 'access' });

await runUntilSignal(logger, async () => {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid access subgraph configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const redis = await connectRedis({ url: env.REDIS_URL, logger });
  const webhooks = new PartnerWebhooks({
    redis,
    redisUrl: env.REDIS_URL,
    events: new EventLog({ redis, stream: env.EVENT_STREAM }),
    mode: env.DG_MODE,
    namespace: env.REDIS_KEY_NAMESPACE,
    logger: logger.child({ part: 'webhooks' }),
  });
  const subgraph = await startAccessSubgraph({
    keys: new RedisApiKeyStore({ redis, namespace: env.REDIS_KEY_NAMESPACE }),
    webhooks,
    logger,
    identitySecret: env.IDENTITY_SIGNING_SECRET,
    port: env.PORT,
    host: env.HOST,
  });
  printBanner([
    `access subgraph at ${subgraph.url} (API keys in Redis, namespace ${env.REDIS_KEY_NAMESPACE})`,
  ]);
  return async () => {
    await subgraph.close();
    await webhooks.close();
    redis.destroy();
  };
});
