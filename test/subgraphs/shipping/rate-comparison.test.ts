/** Rate shopping arithmetic: one price per carrier service for every parcel, cheapest first. */
import { describe, expect, it } from '@jest/globals';
import type { Rate } from '../../../schema/canonical/shipping.js';
import { combineQuotes } from '../../../subgraphs/shipping/rate-comparison.js';

const rate = (id: string, carrier: string, service: string, amount: string, days: number | null): Rate => ({
  id,
  carrierShipmentId: `shp_${id}`,
  carrier,
  carrierAccountId: `ca_${carrier}`,
  service,
  price: { amount, currency: 'USD' },
  deliveryDays: days,
  deliveryDate: null,
  deliveryDateGuaranteed: false,
});

const parcel1 = {
  rates: [
    rate('a1', 'UPS', 'Ground', '10.10', 3),
    rate('a2', 'UPS', 'NextDayAir', '40.00', 1),
    rate('a3', 'USPS', 'Priority', '9.95', 2),
  ],
  failures: [],
};
const parcel2 = {
  rates: [rate('b1', 'UPS', 'Ground', '7.25', 4), rate('b3', 'USPS', 'Priority', '8.05', 2)],
  failures: [{ carrier: 'FedEx', carrierAccountId: 'ca_FedEx', message: 'FedEx is unavailable' }],
};

describe('combineQuotes', () => {
  it('sums each service over the parcels exactly, keeps only services quoted for every parcel, cheapest first', () => {
    const { rates } = combineQuotes([parcel1, parcel2], 'ANY');
    expect(rates.map((r) => [r.carrier, r.service, r.price.amount, r.deliveryDays, r.rateIds])).toEqual([
      ['UPS', 'Ground', '17.35', 4, ['a1', 'b1']],
      ['USPS', 'Priority', '18.00', 2, ['a3', 'b3']],
    ]);
  });

  it('keeps only services fast enough for the level asked', () => {
    expect(combineQuotes([parcel1], 'OVERNIGHT').rates.map((r) => r.service)).toEqual(['NextDayAir']);
    expect(combineQuotes([parcel1], 'TWO_DAY').rates.map((r) => r.service)).toEqual([
      'Priority',
      'NextDayAir',
    ]);
  });

  it('reports each carrier that could not quote once', () => {
    expect(combineQuotes([parcel2, parcel2], 'ANY').failures).toEqual([
      { carrier: 'FedEx', carrierAccountId: 'ca_FedEx', message: 'FedEx is unavailable' },
    ]);
  });
});
