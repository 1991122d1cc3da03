/** Rates a parcel with every asked carrier account, as EasyPost does when a shipment is created. */
import { CARRIERS, priceCents, transitDays, type CarrierSpec } from './carriers.js';
import type { FaultInjector } from './faults.js';
import { zoneBetween } from './geography.js';
import { objectId } from './random.js';
import type { MessageRecord, RateRecord } from './records.js';

export interface RatingResult {
  zone: number;
  rates: RateRecord[];
  messages: MessageRecord[];
}

export function rateParcel(input: {
  fromZip: string;
  toZip: string;
  weightOz: number;
  accounts: readonly CarrierSpec[] | undefined;
  faults: FaultInjector;
  random: () => number;
  now: number;
}): RatingResult {
  const zone = zoneBetween(input.fromZip, input.toZip);
  const rates: RateRecord[] = [];
  const messages: MessageRecord[] = [];
  for (const spec of input.accounts ?? CARRIERS) {
    if (input.faults.carrierDown(spec.carrier, spec.accountId)) {
      messages.push({
        carrier: spec.carrier,
        carrierAccountId: spec.accountId,
        type: 'rate_error',
        message: `${spec.carrier}: the carrier's rating service is temporarily unavailable (HTTP 503). Please try again.`,
      });
      continue;
    }
    for (const service of spec.services) {
      rates.push({
        id: objectId('rate', input.random),
        spec,
        service,
        cents: priceCents(service, input.weightOz, zone),
        days: transitDays(service, zone),
        createdAt: input.now,
      });
    }
  }
  return { zone, rates, messages };
}
