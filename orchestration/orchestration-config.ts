import { z } from 'zod';
import { stepRetrySchema } from '../platform/orchestration/orchestration-queue.js';
import { DEMO_ORIGINS, loadShippingOrigins } from '../connectors/carrier/origins.js';
import { parseStuckLimits, type StuckLimits } from '../platform/orchestration/stuck-limits.js';
import type { PostalAddress } from '../schema/canonical/shipping.js';
import { ratePolicySchema, type RatePolicy } from './rate-policy.js';

/** How one parcel is estimated from an order's lines (the catalogue holds no weights). */
export const parcelRuleSchema = z
  .object({
    /** Weight per unit, in ounces. Default 16. */
    ounces: z.number().positive().default(16),
    lengthIn: z.number().positive().default(18),
    widthIn: z.number().positive().default(14),
    heightIn: z.number().positive().default(12),
    /** A parcel's most weight (150 lb, the small-parcel carriers' limit). Default 2400. */
    maxOunces: z.number().positive().default(2400),
  })
  .strict();
export type ParcelRule = z.output<typeof parcelRuleSchema>;

/** The orchestration's tuning, each with its default; validated at start. */
export const orchestrationTuningSchema = stepRetrySchema
  .extend({
    /** Steps run at once by one worker. Default 5. */
    concurrency: z.number().int().min(1).max(100).default(5),
    /** How often a waiting step looks at the WMS when no event arrives. Default 60,000 ms. */
    pollMs: z.number().int().min(10).max(3_600_000).default(60_000),
    /** How long a running step's lock lasts without renewal (a dead worker's job is taken over after). Default 30,000. */
    lockDurationMs: z.number().int().min(200).default(30_000),
    /** How often workers look for jobs whose worker died. Default 30,000 ms. */
    stalledIntervalMs: z.number().int().min(100).default(30_000),
    /** How often the sweeper re-queues the current step of orders that have not moved. Default 60,000 ms. */
    sweepEveryMs: z.number().int().min(50).default(60_000),
    /** An active order unsaved this long has its job checked by the sweeper. Default 120,000 ms. */
    sweepIdleMs: z.number().int().min(0).default(120_000),
    /** Per-unit weight and box of the single parcel. */
    parcel: parcelRuleSchema.default(parcelRuleSchema.parse({})),
  })
  .strict();

export type OrchestrationTuning = z.output<typeof orchestrationTuningSchema>;
export type OrchestrationTuningInput = z.input<typeof orchestrationTuningSchema>;

export interface OrchestrationSettings {
  tuning: OrchestrationTuning;
  ratePolicy: RatePolicy;
  stuckLimits: StuckLimits;
  origins: Record<string, PostalAddress>;
}

const int = (name: string, raw: string | undefined) => {
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new Error(`${name}: must be an integer`);
  return value;
};

function json(name: string, raw: string | undefined): unknown {
  if (!raw?.trim()) return {};
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new Error(`${name}: must be JSON`, { cause: error });
  }
}

/**
 * The settings from the environment: ORCHESTRATION_CONCURRENCY, _ATTEMPTS, _BACKOFF_MS, _POLL_MS,
 * _RATE_POLICY (JSON, see ratePolicySchema), _STUCK_LIMITS_MS (JSON per phase), SHIPPING_ORIGINS (JSON,
 * as the shipping subgraph reads it). Throws naming the variable.
 */
export function loadOrchestrationSettings(env: NodeJS.ProcessEnv = process.env): OrchestrationSettings {
  const tuning = orchestrationTuningSchema.safeParse({
    concurrency: int('ORCHESTRATION_CONCURRENCY', env.ORCHESTRATION_CONCURRENCY),
    attempts: int('ORCHESTRATION_ATTEMPTS', env.ORCHESTRATION_ATTEMPTS),
    backoffMs: int('ORCHESTRATION_BACKOFF_MS', env.ORCHESTRATION_BACKOFF_MS),
    pollMs: int('ORCHESTRATION_POLL_MS', env.ORCHESTRATION_POLL_MS),
  });
  if (!tuning.success) throw new Error(`ORCHESTRATION_*: ${z.prettifyError(tuning.error)}`);
  const policy = ratePolicySchema.safeParse(json('ORCHESTRATION_RATE_POLICY', env.ORCHESTRATION_RATE_POLICY));
  if (!policy.success) throw new Error(`ORCHESTRATION_RATE_POLICY: ${z.prettifyError(policy.error)}`);
  return {
    tuning: tuning.data,
    ratePolicy: policy.data,
    stuckLimits: parseStuckLimits(env.ORCHESTRATION_STUCK_LIMITS_MS),
    origins: env.SHIPPING_ORIGINS ? loadShippingOrigins(env.SHIPPING_ORIGINS) : DEMO_ORIGINS,
  };
}
