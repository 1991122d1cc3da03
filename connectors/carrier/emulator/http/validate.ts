/**
 * Request bodies as EasyPost checks them; a refusal is a 422 whose `errors` name each bad field with
 * its dotted path (`shipment.to_address.zip`).
 */
import { z } from 'zod';
import { ApiError } from '../api-error.js';
import type { AddressRecord, ParcelRecord } from '../records.js';

const text = z.string().trim().min(1);
const optionalText = z
  .string()
  .nullish()
  .transform((value) => (value ? value : null));

const addressSchema = z
  .object({
    name: optionalText,
    company: optionalText,
    street1: text,
    street2: optionalText,
    city: text,
    state: optionalText,
    zip: text,
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
      .default('US'),
    phone: optionalText,
    email: optionalText,
  })
  .superRefine((address, ctx) => {
    if (address.country.toUpperCase() !== 'US') return;
    if (!/^\d{5}(-\d{4})?$/.test(address.zip))
      ctx.addIssue({ code: 'custom', path: ['zip'], message: 'must be a 5-digit US ZIP code' });
    if (!address.state)
      ctx.addIssue({ code: 'custom', path: ['state'], message: 'is required for US addresses' });
  })
  .transform((address): AddressRecord => ({ ...address, country: address.country.toUpperCase() }));

const dimension = z
  .number()
  .positive()
  .max(108)
  .nullish()
  .transform((value) => value ?? null);

const parcelSchema = z
  .object({
    weight: z
      .number()
      .positive()
      .max(70 * 16),
    length: dimension,
    width: dimension,
    height: dimension,
  })
  .transform((parcel): ParcelRecord => parcel);

const accountRef = z.union([z.string().min(1), z.object({ id: z.string().min(1) }).transform((a) => a.id)]);

export const createShipmentSchema = z.object({
  shipment: z.object({
    from_address: addressSchema,
    to_address: addressSchema,
    parcel: parcelSchema,
    reference: optionalText,
    carrier_accounts: z.array(accountRef).optional(),
  }),
});

export const buySchema = z.object({
  rate: z.union([z.string().min(1), z.object({ id: z.string().min(1) }).transform((r) => r.id)]),
});

export const createTrackerSchema = z.object({
  tracker: z.object({ tracking_code: text, carrier: z.string().min(1).optional() }),
});

export const trackersBatchSchema = z.object({
  tracking_codes: z.array(text).min(1).max(100),
});

export const createWebhookSchema = z.object({
  webhook: z.object({ url: z.url({ protocol: /^https?$/ }), webhook_secret: z.string().min(1).optional() }),
});

export const updateWebhookSchema = z.object({
  webhook: z.object({ webhook_secret: z.string().min(1).optional() }).optional(),
});

/** Parses `body` or throws EasyPost's 422 listing every invalid field. */
export function validated<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({
    field: issue.path.join('.'),
    message: issue.message,
  }));
  throw new ApiError(
    422,
    `${what.toUpperCase()}.INVALID_PARAMS`,
    `Unable to create ${what}, one or more parameters were invalid.`,
    errors,
  );
}
