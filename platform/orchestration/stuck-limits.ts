import { z } from 'zod';
import { STUCK_PHASES, type StuckPhase } from './fulfillment-steps.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * How long an order may stay in each phase before operators hear of it. Steps that call a system are
 * quick when it is up (minutes); the two waits follow the warehouse's pace (a working day or so).
 */
export const DEFAULT_STUCK_LIMITS_MS: Record<StuckPhase, number> = {
  CREDIT_CHECK: 10 * MINUTE,
  CONFIRM_ORDER: 10 * MINUTE,
  RELEASE_TO_WMS: 15 * MINUTE,
  AWAIT_PACKED: 24 * HOUR,
  SELECT_CARRIER: 30 * MINUTE,
  BUY_LABEL: 30 * MINUTE,
  AWAIT_SHIPPED: 24 * HOUR,
  VALIDATE_DELIVERY: 30 * MINUTE,
  POST_INVOICE: 30 * MINUTE,
  NOTIFY_PARTNER: 30 * MINUTE,
  COMPENSATION: 30 * MINUTE,
};

/** Overrides of some limits, in milliseconds (`ORCHESTRATION_STUCK_LIMITS_MS` as JSON). */
export const stuckLimitsSchema = z
  .partialRecord(z.enum(STUCK_PHASES), z.number().int().positive())
  .transform((overrides) => ({ ...DEFAULT_STUCK_LIMITS_MS, ...overrides }));

export type StuckLimits = Record<StuckPhase, number>;

/** The limits from a JSON text (undefined or empty: the defaults); throws a ZodError naming the field. */
export function parseStuckLimits(json: string | undefined): StuckLimits {
  if (!json?.trim()) return { ...DEFAULT_STUCK_LIMITS_MS };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new Error('ORCHESTRATION_STUCK_LIMITS_MS: must be JSON', { cause: error });
  }
  return stuckLimitsSchema.parse(raw);
}
