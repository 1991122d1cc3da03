import { Decimal } from 'decimal.js';
import type { Rate, RateFailure } from '../../schema/canonical/shipping.js';

export type ServiceLevel = 'ANY' | 'GROUND' | 'TWO_DAY' | 'OVERNIGHT';

/** Most transit days a service level accepts (null: any). */
const MAX_DAYS: Record<ServiceLevel, number | null> = { ANY: null, GROUND: null, TWO_DAY: 2, OVERNIGHT: 1 };

/** A carrier service's price for all the parcels together. */
export interface ServiceRate {
  carrier: string;
  service: string;
  price: Rate['price'];
  deliveryDays: number | null;
  deliveryDate: string | null;
  deliveryDateGuaranteed: boolean;
  /** The carrier's rate ids, one per parcel, to buy them. */
  rateIds: string[];
}

export interface RateComparison {
  rates: ServiceRate[];
  failures: RateFailure[];
}

/** Sums per-parcel quotes into one price per carrier service offered for every parcel, cheapest first. */
export function combineQuotes(
  quotes: { rates: Rate[]; failures: RateFailure[] }[],
  level: ServiceLevel,
): RateComparison {
  const byService = new Map<string, ServiceRate & { parcels: number }>();
  for (const quote of quotes)
    for (const rate of quote.rates) {
      const key = `${rate.carrier}\u0000${rate.service}`;
      const seen = byService.get(key);
      if (!seen) {
        byService.set(key, { ...rate, rateIds: [rate.id], parcels: 1 });
        continue;
      }
      seen.price = {
        amount: addDecimal(seen.price.amount, rate.price.amount),
        currency: seen.price.currency,
      };
      seen.deliveryDays = maxOrNull(seen.deliveryDays, rate.deliveryDays);
      seen.rateIds.push(rate.id);
      seen.parcels += 1;
    }
  const maxDays = MAX_DAYS[level];
  const rates = [...byService.values()]
    .filter((r) => r.parcels === quotes.length)
    .filter((r) => maxDays === null || (r.deliveryDays !== null && r.deliveryDays <= maxDays))
    .map(({ parcels: _parcels, ...rate }) => rate)
    .sort((a, b) => new Decimal(a.price.amount).comparedTo(b.price.amount));
  const failures = new Map<string, RateFailure>();
  for (const quote of quotes) for (const failure of quote.failures) failures.set(failure.carrier, failure);
  return { rates, failures: [...failures.values()] };
}

/** Exact decimal sum, keeping the larger number of decimal places of the two. */
function addDecimal(a: string, b: string): string {
  const x = new Decimal(a);
  const y = new Decimal(b);
  return x.plus(y).toFixed(Math.max(x.decimalPlaces(), y.decimalPlaces(), 2));
}

function maxOrNull(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : Math.max(a, b);
}
