/** Canonical inputs → EasyPost request bodies. */
import type { Parcel, PostalAddress } from '../../schema/canonical/shipping.js';

export function addressBody(address: PostalAddress): Record<string, string> {
  const body: Record<string, string | null> = {
    name: address.name,
    company: address.company,
    street1: address.street1,
    street2: address.street2,
    city: address.city,
    state: address.state,
    zip: address.postalCode,
    country: address.country,
    phone: address.phone,
    email: address.email,
  };
  return Object.fromEntries(
    Object.entries(body).filter((entry): entry is [string, string] => entry[1] !== null),
  );
}

export function parcelBody(parcel: Parcel): Record<string, number> {
  const body: Record<string, number | null> = {
    weight: parcel.weightOz,
    length: parcel.lengthIn,
    width: parcel.widthIn,
    height: parcel.heightIn,
  };
  return Object.fromEntries(
    Object.entries(body).filter((entry): entry is [string, number] => entry[1] !== null),
  );
}
