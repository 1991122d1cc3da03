import { Decimal } from 'decimal.js';
import { z } from 'zod';
import type { Rate, RateQuote } from '../schema/canonical/shipping.js';
import { StepFailure } from './step-failure.js';

/** Most transit days each promised service level accepts (null: any). */
export const SERVICE_LEVEL_DAYS = { ANY: null, GROUND: 5, TWO_DAY: 2, OVERNIGHT: 1 } as const;
export type ServiceLevel = keyof typeof SERVICE_LEVEL_DAYS;

/**
 * How a carrier is chosen once the WMS has packed the order (`ORCHESTRATION_RATE_POLICY`, JSON).
 * Rates slower than the service level, or of an excluded carrier, never count.
 */
export const ratePolicySchema = z
  .object({
    /** The promised service level. Default GROUND (at most 5 transit days). */
    serviceLevel: z.enum(['ANY', 'GROUND', 'TWO_DAY', 'OVERNIGHT']).default('GROUND'),
    /** A carrier to prefer (e.g. a negotiated account), by name as the API spells it. Default none. */
    preferredCarrier: z.string().min(1).nullable().default(null),
    /** The preferred carrier wins while at most this much dearer than the cheapest, in %. Default 10. */
    preferredMaxPremiumPercent: z.number().min(0).max(1000).default(10),
    /**
     * When the preferred carrier is down or offers nothing in time: take the cheapest other (true), or
     * retry until it is back (false). Default true.
     */
    fallback: z.boolean().default(true),
    /** Carriers never used. Default none. */
    excludedCarriers: z.array(z.string().min(1)).default([]),
  })
  .strict();

export type RatePolicy = z.output<typeof ratePolicySchema>;
export type RatePolicyInput = z.input<typeof ratePolicySchema>;

export interface ChosenRate {
  rate: Rate;
  /** Why this one, for the orchestration's record (operators read it). */
  reason: string;
}

const byPrice = (a: Rate, b: Rate) => new Decimal(a.price.amount).comparedTo(b.price.amount);
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Picks a rate of `quote` under `policy`. Throws a transient StepFailure when carriers that could have
 * quoted are down (their answer may come), a permanent one when every carrier answered and none fits.
 */
export function chooseRate(quote: RateQuote, policy: RatePolicy): ChosenRate {
  const maxDays = SERVICE_LEVEL_DAYS[policy.serviceLevel];
  const allowed = (carrier: string) => !policy.excludedCarriers.some((c) => same(c, carrier));
  const candidates = quote.rates
    .filter((r) => allowed(r.carrier))
    .filter((r) => maxDays === null || (r.deliveryDays !== null && r.deliveryDays <= maxDays))
    .sort(byPrice);
  const down = quote.failures.filter((f) => allowed(f.carrier)).map((f) => f.carrier);
  const cheapest = candidates[0];
  const level = `within ${policy.serviceLevel}`;
  if (policy.preferredCarrier) {
    const preferred = policy.preferredCarrier;
    const own = candidates.find((r) => same(r.carrier, preferred));
    if (own && cheapest) {
      const ceiling = new Decimal(cheapest.price.amount).times(1 + policy.preferredMaxPremiumPercent / 100);
      if (new Decimal(own.price.amount).lessThanOrEqualTo(ceiling))
        return { rate: own, reason: `preferred carrier ${preferred} ${level}` };
      return {
        rate: cheapest,
        reason: `cheapest ${level}: ${preferred} over the ${policy.preferredMaxPremiumPercent}% premium`,
      };
    }
    const preferredDown = down.some((c) => same(c, preferred));
    if (!policy.fallback)
      throw new StepFailure(
        preferredDown ? 'CARRIERS_UNAVAILABLE' : 'NO_RATE',
        `preferred carrier ${preferred} ${preferredDown ? 'is down' : `offers no rate ${level}`} and fallback is off`,
        { transient: preferredDown },
      );
    if (cheapest)
      return {
        rate: cheapest,
        reason: `fallback: ${preferred} ${preferredDown ? 'unavailable' : `has no rate ${level}`}; cheapest ${level}`,
      };
  }
  if (cheapest) return { rate: cheapest, reason: `cheapest ${level}` };
  if (down.length > 0)
    throw new StepFailure('CARRIERS_UNAVAILABLE', `no rate ${level}; down: ${down.join(', ')}`, {
      transient: true,
    });
  throw new StepFailure('NO_RATE', `no carrier offers a rate ${level}`);
}
