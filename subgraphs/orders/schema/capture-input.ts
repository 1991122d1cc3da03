import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { shippingServices } from '../../../connectors/odoo/sales/capture-types.js';
import { builder } from '../builder.js';

export const MAX_CAPTURE_LINES = 200;

export const ShippingServiceType = builder.enumType('ShippingService', {
  description:
    'The service level a customer asks for; carrier selection picks the cheapest carrier offering it.',
  values: {
    STANDARD: { description: 'Ground, a few business days (the default).' },
    EXPEDITED: { description: 'Faster than ground: two days or less.' },
  } satisfies Record<(typeof shippingServices)[number], { description: string }>,
});

const CaptureLineInput = builder.inputType('CaptureOrderLineInput', {
  description: 'A product and how many of it.',
  fields: (t) => ({
    sku: t.string({ required: true, description: 'The SKU (each at most once per order).' }),
    quantity: t.field({
      type: 'Decimal',
      required: true,
      description: "How many, in the product's unit; greater than zero, at most 3 decimals.",
    }),
  }),
});

const NewAddressInput = builder.inputType('NewDeliveryAddressInput', {
  description: "A delivery address given in full; an identical one of the customer's is reused.",
  fields: (t) => ({
    name: t.string({ required: false, description: 'Name on the address, e.g. "Receiving Dock".' }),
    street: t.string({ required: true, description: 'Street and number.' }),
    street2: t.string({ required: false, description: 'Second address line.' }),
    city: t.string({ required: true, description: 'City.' }),
    zip: t.string({ required: true, description: 'Postal code.' }),
    country: t.string({ required: true, description: 'ISO 3166-1 alpha-2 country code, e.g. "US".' }),
  }),
});

const ShipToInput = builder.inputType('ShipToInput', {
  description: 'Where the goods go: exactly one of `addressId` and `newAddress`.',
  fields: (t) => ({
    addressId: t.id({ required: false, description: "One of the customer's `deliveryAddresses`." }),
    newAddress: t.field({ type: NewAddressInput, required: false, description: 'A new delivery address.' }),
  }),
});

const ShippingPreferenceInput = builder.inputType('ShippingPreferenceInput', {
  description: 'How to ship: a service level and, optionally, a preferred carrier.',
  fields: (t) => ({
    service: t.field({
      type: ShippingServiceType,
      required: true,
      defaultValue: 'STANDARD',
      description: 'The service level.',
    }),
    carrier: t.string({
      required: false,
      description: 'A preferred carrier code (e.g. "ups"), used when it offers the service; lower case.',
    }),
  }),
});

export const CaptureOrderInput = builder.inputType('CaptureOrderInput', {
  description:
    'An order to capture. Problems with its content come back as `OrderInvalid`, each with its path.',
  fields: (t) => ({
    customerId: t.id({
      required: false,
      description:
        "The customer ordering. Internal callers must name one; a partner's orders are its own (omit it).",
    }),
    customerReference: t.string({
      required: true,
      description:
        "The customer's own reference, usually its PO number (1 to 64 characters); once per customer.",
    }),
    lines: t.field({
      type: [CaptureLineInput],
      required: true,
      description: `What is ordered: 1 to ${MAX_CAPTURE_LINES} lines.`,
    }),
    shipTo: t.field({ type: ShipToInput, required: true, description: 'Where the goods go.' }),
    requestedDate: t.field({
      type: 'Date',
      required: false,
      description:
        'When the customer wants the goods (today or later, within a year); as soon as possible when omitted.',
    }),
    shipping: t.field({
      type: ShippingPreferenceInput,
      required: false,
      description: 'How to ship; STANDARD with no preferred carrier when omitted.',
    }),
    notes: t.string({ required: false, description: 'Notes for the distributor (at most 2000 characters).' }),
  }),
});

export type CaptureOrderInputShape = typeof CaptureOrderInput.$inferInput;

const isControl = (char: string) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f;

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `at most ${max} characters`)
    .refine((value) => ![...value].some(isControl), 'must not contain control characters');
const optionalText = (max: number) => text(max).nullish();

const quantity = z.string().refine((value) => {
  const decimal = new Decimal(value);
  return decimal.gt(0) && decimal.lte(1_000_000) && decimal.decimalPlaces() <= 3;
}, 'must be greater than 0 and at most 1000000, with at most 3 decimals');

/** The content rules of CaptureOrderInput (GraphQL has checked the types). */
export const captureInputSchema = z.object({
  customerId: z.string().nullish(),
  customerReference: text(64),
  lines: z
    .array(z.object({ sku: text(64), quantity }))
    .min(1, 'at least one line')
    .max(MAX_CAPTURE_LINES, `at most ${MAX_CAPTURE_LINES} lines`)
    .superRefine((lines, ctx) => {
      const seen = new Set<string>();
      lines.forEach((line, index) => {
        if (seen.has(line.sku))
          ctx.addIssue({ code: 'custom', path: [index, 'sku'], message: 'SKU already on an earlier line' });
        seen.add(line.sku);
      });
    }),
  shipTo: z
    .object({
      addressId: z.string().nullish(),
      newAddress: z
        .object({
          name: optionalText(128),
          street: text(128),
          street2: optionalText(128),
          city: text(64),
          zip: text(16),
          country: z.string().regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'),
        })
        .nullish(),
    })
    .refine(
      (shipTo) => (shipTo.addressId == null) !== (shipTo.newAddress == null),
      'give exactly one of addressId and newAddress',
    ),
  requestedDate: z
    .string()
    .nullish()
    .refine((date) => date == null || date >= todayUtc(0), 'must be today or later')
    .refine((date) => date == null || date <= todayUtc(366), 'must be within a year'),
  shipping: z
    .object({
      service: z.enum(shippingServices),
      carrier: z
        .string()
        .regex(/^[a-z0-9_-]{1,40}$/, 'must be a carrier code: lower case letters, digits, - or _')
        .nullish(),
    })
    .nullish(),
  notes: optionalText(2000),
});

export type CaptureInput = z.infer<typeof captureInputSchema>;

function todayUtc(plusDays: number): string {
  return new Date(Date.now() + plusDays * 86_400_000).toISOString().slice(0, 10);
}

/** `lines[2].sku` for zod's `['lines', 2, 'sku']`. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (joined, part) =>
      typeof part === 'number' ? `${joined}[${part}]` : joined ? `${joined}.${String(part)}` : String(part),
    '',
  );
}
