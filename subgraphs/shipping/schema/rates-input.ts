import { z } from 'zod';
import { throwIfIssues, type Issue } from '../../../platform/graphql/input-issues.js';
import { builder } from '../builder.js';
import type { ShippingContext } from '../context.js';
import type { ServiceLevel } from '../rate-comparison.js';

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

export const RatesInput = builder.inputType('RatesInput', {
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

/** The validated request, or one BAD_USER_INPUT naming every problem. */
export function parseRatesInput(input: unknown, context: ShippingContext) {
  const parsed = ratesInputSchema.safeParse(input);
  const issues: Issue[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ argument: ['input', ...i.path].join('.'), message: i.message }));
  if (parsed.success && !context.origins[parsed.data.originWarehouse])
    issues.push({ argument: 'input.originWarehouse', message: 'is not a warehouse we ship from' });
  throwIfIssues(issues);
  return parsed.data!;
}
