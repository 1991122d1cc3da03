import { z } from 'zod';
import type { PostalAddress } from '../../schema/canonical/shipping.js';

/** Where each demo warehouse ships from (the emulated Odoo's warehouses have no street address). */
export const DEMO_ORIGINS: Record<string, PostalAddress> = {
  CHI: origin('Chicago Distribution Center', '2200 S Halsted St', 'Chicago', 'IL', '60608'),
  DAL: origin('Dallas Distribution Center', '1500 Regal Row', 'Dallas', 'TX', '75247'),
  NWK: origin('Newark Distribution Center', '400 Doremus Ave', 'Newark', 'NJ', '07105'),
};

function origin(
  company: string,
  street1: string,
  city: string,
  state: string,
  postalCode: string,
): PostalAddress {
  return {
    name: null,
    company,
    street1,
    street2: null,
    city,
    state,
    postalCode,
    country: 'US',
    phone: null,
    email: null,
  };
}

const originSchema = z.object({
  company: z.string().min(1),
  street1: z.string().min(1),
  street2: z.string().nullable().default(null),
  city: z.string().min(1),
  state: z.string().nullable().default(null),
  postalCode: z.string().min(1),
  country: z.string().length(2),
  phone: z.string().nullable().default(null),
});

/**
 * The ship-from address of each warehouse code: SHIPPING_ORIGINS (JSON, `{ "CHI": { company, street1,
 * city, state, postalCode, country } }`) in a real deployment, else the demo warehouses'.
 */
export function loadShippingOrigins(raw: string | undefined): Record<string, PostalAddress> {
  if (!raw) return DEMO_ORIGINS;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error('SHIPPING_ORIGINS: must be JSON');
  }
  const parsed = z.record(z.string(), originSchema).safeParse(json);
  if (!parsed.success)
    throw new Error(
      `SHIPPING_ORIGINS: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  return Object.fromEntries(
    Object.entries(parsed.data).map(([code, o]) => [code, { ...o, name: null, email: null }]),
  );
}
