import { z } from 'zod';
import { requirePrincipal } from '../../../platform/graphql/require-principal.js';
import { throwIfIssues, type Issue } from '../../../platform/graphql/input-issues.js';
import type { Parcel, PostalAddress, Rate, RateFailure } from '../../../schema/canonical/shipping.js';
import { builder, Money } from '../builder.js';
import type { ShippingContext } from '../context.js';

type ServiceLevel = 'ANY' | 'GROUND' | 'TWO_DAY' | 'OVERNIGHT';

/** Most transit days a service level accepts (null: any). */
const MAX_DAYS: Record<ServiceLevel, number | null> = { ANY: null, GROUND: null, TWO_DAY: 2, OVERNIGHT: 1 };

const ServiceLevelType = builder.enumType('ServiceLevel', {
  description: 'How fast the parcels must arrive.',
  values: {
    ANY: { description: 'Every service quoted.' },
    GROUND: { description: 'Every service quoted; the slowest is usually the cheapest.' },
    TWO_DAY: { description: 'Services quoting two transit days or fewer.' },
    OVERNIGHT: { description: 'Services quoting one transit day.' },
  } satisfies Record<ServiceLevel, { description: string }>,
});

const DestinationInput = builder.inputType('RateDestinationInput', {
  description: 'Where the parcels go.',
  fields: (t) => ({
    name: t.string({ description: 'Recipient.' }),
    company: t.string({ description: 'Company.' }),
    street1: t.string({ required: true, description: 'Street and number.' }),
    street2: t.string({ description: 'Suite, floor…' }),
    city: t.string({ required: true, description: 'City.' }),
    state: t.string({ description: 'State or region code.' }),
    postalCode: t.string({ required: true, description: 'Postal code.' }),
    country: t.string({ required: true, description: 'ISO 3166-1 alpha-2 country code, e.g. "US".' }),
  }),
});

const ParcelInput = builder.inputType('ParcelInput', {
  description: 'One parcel: weight, and dimensions when known.',
  fields: (t) => ({
    weightOz: t.float({ required: true, description: 'Weight in ounces (more than 0, at most 2,400).' }),
    lengthIn: t.float({ description: 'Length in inches.' }),
    widthIn: t.float({ description: 'Width in inches.' }),
    heightIn: t.float({ description: 'Height in inches.' }),
  }),
});

const RatesInput = builder.inputType('RatesInput', {
  description: 'A rate-shopping request.',
  fields: (t) => ({
    originWarehouse: t.string({ required: true, description: 'Code of the warehouse shipping, e.g. "CHI".' }),
    destination: t.field({ type: DestinationInput, required: true, description: 'Where to.' }),
    parcels: t.field({ type: [ParcelInput], required: true, description: 'One to 20 parcels.' }),
    serviceLevel: t.field({
      type: ServiceLevelType,
      defaultValue: 'ANY',
      description: 'How fast; default ANY.',
    }),
  }),
});

const dimension = z.number().positive().max(120).nullish();
const ratesInputSchema = z.object({
  originWarehouse: z.string().trim().min(1).max(16),
  destination: z.object({
    name: z.string().max(100).nullish(),
    company: z.string().max(100).nullish(),
    street1: z.string().trim().min(1).max(100),
    street2: z.string().max(100).nullish(),
    city: z.string().trim().min(1).max(80),
    state: z.string().max(40).nullish(),
    postalCode: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9 -]{3,10}$/, 'must be a postal code'),
    country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'),
  }),
  parcels: z
    .array(
      z.object({
        weightOz: z.number().positive().max(2400),
        lengthIn: dimension,
        widthIn: dimension,
        heightIn: dimension,
      }),
    )
    .min(1)
    .max(20),
  serviceLevel: z.enum(['ANY', 'GROUND', 'TWO_DAY', 'OVERNIGHT']).nullish(),
});

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
    .sort((a, b) => Number(a.price.amount) - Number(b.price.amount));
  const failures = new Map<string, RateFailure>();
  for (const quote of quotes) for (const failure of quote.failures) failures.set(failure.carrier, failure);
  return { rates, failures: [...failures.values()] };
}

function addDecimal(a: string, b: string): string {
  return ((Math.round(Number(a) * 100) + Math.round(Number(b) * 100)) / 100).toFixed(2);
}

function maxOrNull(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : Math.max(a, b);
}

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

function parseRatesInput(input: unknown, context: ShippingContext) {
  const parsed = ratesInputSchema.safeParse(input);
  const issues: Issue[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ argument: ['input', ...i.path].join('.'), message: i.message }));
  if (parsed.success && !context.origins[parsed.data.originWarehouse])
    issues.push({ argument: 'input.originWarehouse', message: 'is not a warehouse we ship from' });
  throwIfIssues(issues);
  return parsed.data!;
}

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
