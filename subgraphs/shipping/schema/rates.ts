import { requirePrincipal } from '../../../platform/graphql/require-principal.js';
import type { Parcel, PostalAddress, RateFailure } from '../../../schema/canonical/shipping.js';
import { combineQuotes, type RateComparison, type ServiceRate } from '../rate-comparison.js';
import { builder, Money } from '../builder.js';
import { parseRatesInput, RatesInput } from './rates-input.js';

const ServiceRateType = builder.objectRef<ServiceRate>('Rate').implement({
  description: 'What one carrier service charges for all the parcels.',
  fields: (t) => ({
    carrier: t.exposeString('carrier', { description: 'The carrier, e.g. "USPS".' }),
    service: t.exposeString('service', { description: 'The service, e.g. "Priority".' }),
    price: t.field({ type: Money, description: 'Total for every parcel.', resolve: (r) => r.price }),
    deliveryDays: t.exposeInt('deliveryDays', {
      nullable: true,
      description: 'Transit days quoted (the slowest parcel).',
    }),
    deliveryDate: t.field({
      type: 'Date',
      nullable: true,
      description: 'Delivery date quoted.',
      resolve: (r) => r.deliveryDate,
    }),
    deliveryDateGuaranteed: t.exposeBoolean('deliveryDateGuaranteed', {
      description: 'Whether the carrier guarantees the date.',
    }),
    rateIds: t.exposeStringList('rateIds', {
      description: 'The carrier’s rate ids, one per parcel, to buy the labels.',
    }),
  }),
});

const RateFailureType = builder.objectRef<RateFailure>('RateFailure').implement({
  description: 'A carrier that could not quote, and why.',
  fields: (t) => ({
    carrier: t.exposeString('carrier', { description: 'The carrier.' }),
    message: t.exposeString('message', { description: 'Why it has no rate (e.g. it is unavailable).' }),
  }),
});

const RateComparisonType = builder.objectRef<RateComparison>('RateComparison').implement({
  description:
    'Comparable rates across carriers. A carrier that is down is listed in `failures`; the others still answer.',
  fields: (t) => ({
    rates: t.field({
      type: [ServiceRateType],
      description: 'Cheapest first (a few dozen services at most, so not paginated).',
      resolve: (c) => c.rates,
    }),
    failures: t.field({
      type: [RateFailureType],
      description: 'Carriers that could not quote; empty when every carrier answered.',
      resolve: (c) => c.failures,
    }),
  }),
});

builder.queryField('rates', (t) =>
  t.field({
    type: RateComparisonType,
    description: 'Rate shopping: every carrier’s price for these parcels from a warehouse to an address.',
    authenticated: true,
    requiresScopes: [['shipments:read']],
    args: {
      input: t.arg({ type: RatesInput, required: true, description: 'What to ship, from where, to where.' }),
    },
    resolve: async (_root, args, context) => {
      requirePrincipal(context);
      const input = parseRatesInput(args.input, context);
      const from = context.origins[input.originWarehouse]!;
      const d = input.destination;
      const to: PostalAddress = {
        name: d.name ?? null,
        company: d.company ?? null,
        street1: d.street1,
        street2: d.street2 ?? null,
        city: d.city,
        state: d.state ?? null,
        postalCode: d.postalCode,
        country: d.country,
        phone: null,
        email: null,
      };
      const parcels: Parcel[] = input.parcels.map((p) => ({
        weightOz: p.weightOz,
        lengthIn: p.lengthIn ?? null,
        widthIn: p.widthIn ?? null,
        heightIn: p.heightIn ?? null,
      }));
      const quotes = await Promise.all(
        parcels.map((parcel) => context.carrier.quoteRates({ from, to, parcel })),
      );
      return combineQuotes(quotes, input.serviceLevel ?? 'ANY');
    },
  }),
);
