import type { Address } from '../../../schema/canonical/orders.js';
import { toGlobalId } from '../../../schema/canonical/global-id.js';
import { builder } from '../builder.js';

export const AddressType = builder.objectRef<Address>('Address').implement({
  description: 'A postal address of a customer, for deliveries or invoices.',
  fields: (t) => ({
    id: t.id({
      description: 'Opaque, stable identifier of the address.',
      resolve: (a) => toGlobalId('Address', a.rowId),
    }),
    name: t.exposeString('name', {
      nullable: true,
      description: 'The name on the address, e.g. "Receiving Dock".',
    }),
    street: t.exposeString('street', { nullable: true, description: 'Street and number.' }),
    street2: t.exposeString('street2', { nullable: true, description: 'Second address line.' }),
    city: t.exposeString('city', { nullable: true, description: 'City.' }),
    zip: t.exposeString('zip', { nullable: true, description: 'Postal code.' }),
    country: t.string({
      nullable: true,
      description: 'ISO 3166-1 alpha-2 country code, e.g. "US".',
      resolve: (a, _args, context) =>
        a.countryRowId === null ? null : context.loaders.countryCodeById.load(a.countryRowId),
    }),
  }),
});
