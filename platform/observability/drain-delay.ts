import { z } from 'zod';

const drainDelaySchema = z.coerce.number().int().min(0).max(60_000).default(0);

/**
 * How long a process keeps serving after `/readyz` turned 503 at shutdown, so that load balancers stop
 * sending before it stops accepting: DRAIN_DELAY_MS, default 0 (none; a few seconds behind a load
 * balancer that probes every few seconds).
 */
export function drainDelayMs(env: NodeJS.ProcessEnv = process.env): number {
  const parsed = drainDelaySchema.safeParse(env.DRAIN_DELAY_MS);
  if (!parsed.success) throw new Error(`DRAIN_DELAY_MS: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}
