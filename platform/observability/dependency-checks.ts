import type { RedisClient } from '../redis.js';
import type { DependencyCheck } from './readiness.js';

/** Redis answers PING on this client's connection (a client that is reconnecting is not ready). */
export function redisCheck(redis: RedisClient, name = 'redis'): DependencyCheck {
  return {
    name,
    async check() {
      if (!redis.isReady) throw new Error('not connected (reconnecting)');
      const answer = await redis.ping();
      if (answer !== 'PONG') throw new Error(`answered PING with ${String(answer)}`);
    },
  };
}

/** A connector that can say whether its system answers (`checkReachable` of the Odoo, WMS and carrier clients). */
export interface ReachableSystem {
  checkReachable(signal: AbortSignal): Promise<void>;
}

export function systemCheck(name: string, system: ReachableSystem): DependencyCheck {
  return { name, check: (signal) => system.checkReachable(signal) };
}
