import type { Address, AddressKind, Customer } from '../../../schema/canonical/orders.js';
import type { OdooRecord } from '../models.js';

export const CUSTOMER_FIELDS = ['name', 'ref', 'email', 'phone', 'vat'] as const;
export const ADDRESS_FIELDS = [
  'name',
  'type',
  'parent_id',
  'street',
  'street2',
  'city',
  'zip',
  'country_id',
] as const;

export type CustomerRecord = OdooRecord<'res.partner', (typeof CUSTOMER_FIELDS)[number]>;
export type AddressRecord = OdooRecord<'res.partner', (typeof ADDRESS_FIELDS)[number]>;

export function toCustomer(record: CustomerRecord): Customer {
  return {
    rowId: record.id,
    // Odoo lets a company exist without a name only transiently; the id keeps it identifiable.
    name: record.name ?? `#${record.id}`,
    reference: record.ref,
    email: record.email,
    phone: record.phone,
    vatNumber: record.vat,
  };
}

const kinds: Record<string, AddressKind> = { delivery: 'DELIVERY', invoice: 'INVOICE' };

/** A partner used as an address: a child of type delivery or invoice, or the customer itself. */
export function toAddress(record: AddressRecord): Address {
  return {
    rowId: record.id,
    kind: (record.type === null ? undefined : kinds[record.type]) ?? 'OTHER',
    customerRowId: record.parent_id?.id ?? record.id,
    name: record.name,
    street: record.street,
    street2: record.street2,
    city: record.city,
    zip: record.zip,
    countryRowId: record.country_id?.id ?? null,
  };
}
