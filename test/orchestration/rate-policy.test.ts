import { describe, expect, it } from '@jest/globals';
import { chooseRate, ratePolicySchema, type RatePolicyInput } from '../../orchestration/rate-policy.js';
import { StepFailure } from '../../orchestration/step-failure.js';
import type { Rate, RateFailure } from '../../schema/canonical/shipping.js';

const rate = (carrier: string, amount: string, deliveryDays: number | null): Rate => ({
  id: `rate_${carrier}_${amount}`,
  carrierShipmentId: 'shp_1',
  carrier,
  carrierAccountId: `ca_${carrier}`,
  service: 'Ground',
  price: { amount, currency: 'USD' },
  deliveryDays,
  deliveryDate: null,
  deliveryDateGuaranteed: false,
});
const down = (carrier: string): RateFailure => ({ carrier, carrierAccountId: null, message: 'unavailable' });
const policy = (input: RatePolicyInput = {}) => ratePolicySchema.parse(input);
const RATES = [
  rate('UPS', '12.40', 3),
  rate('USPS', '9.80', 4),
  rate('FedEx', '10.50', 2),
  rate('USPS', '7.00', 7),
];

describe('rate shopping policy', () => {
  it('takes the cheapest rate within the promised service level', () => {
    expect(chooseRate({ rates: RATES, failures: [] }, policy())).toEqual({
      rate: RATES[1],
      reason: 'cheapest within GROUND',
    });
    expect(chooseRate({ rates: RATES, failures: [] }, policy({ serviceLevel: 'TWO_DAY' })).rate).toBe(
      RATES[2],
    );
    expect(chooseRate({ rates: RATES, failures: [] }, policy({ serviceLevel: 'ANY' })).rate).toBe(RATES[3]);
  });

  it('prefers a carrier within its premium, and not beyond', () => {
    expect(chooseRate({ rates: RATES, failures: [] }, policy({ preferredCarrier: 'FedEx' }))).toEqual({
      rate: RATES[2],
      reason: 'preferred carrier FedEx within GROUND',
    });
    expect(chooseRate({ rates: RATES, failures: [] }, policy({ preferredCarrier: 'UPS' })).rate).toBe(
      RATES[1],
    );
    expect(
      chooseRate(
        { rates: RATES, failures: [] },
        policy({ preferredCarrier: 'UPS', preferredMaxPremiumPercent: 30 }),
      ).rate,
    ).toBe(RATES[0]);
  });

  it('falls back to the cheapest other carrier when the preferred one is down, or waits for it without fallback', () => {
    const quote = { rates: RATES.filter((r) => r.carrier !== 'FedEx'), failures: [down('FedEx')] };
    expect(chooseRate(quote, policy({ preferredCarrier: 'FedEx' }))).toEqual({
      rate: RATES[1],
      reason: 'fallback: FedEx unavailable; cheapest within GROUND',
    });
    const waiting = (() => {
      try {
        return chooseRate(quote, policy({ preferredCarrier: 'FedEx', fallback: false }));
      } catch (error) {
        return error;
      }
    })();
    expect(waiting).toBeInstanceOf(StepFailure);
    expect(waiting).toMatchObject({ code: 'CARRIERS_UNAVAILABLE', transient: true });
  });

  it('retries when carriers are down and nothing fits, fails for good when every carrier answered', () => {
    expect(() => chooseRate({ rates: [], failures: [down('UPS')] }, policy())).toThrow(
      expect.objectContaining({ code: 'CARRIERS_UNAVAILABLE', transient: true }),
    );
    expect(() => chooseRate({ rates: [RATES[3]!], failures: [] }, policy())).toThrow(
      expect.objectContaining({ code: 'NO_RATE', transient: false }),
    );
    expect(() =>
      chooseRate({ rates: RATES, failures: [] }, policy({ excludedCarriers: ['ups', 'usps', 'fedex'] })),
    ).toThrow(expect.objectContaining({ code: 'NO_RATE' }));
  });

  it('refuses an unknown option at start', () => {
    expect(() => ratePolicySchema.parse({ serviceLevel: 'SAME_DAY' })).toThrow();
    expect(() => ratePolicySchema.parse({ cheapest: true })).toThrow();
  });
});
