import { graphError } from '../../../platform/graphql/graph-error.js';
import { requirePrincipal } from '../../../platform/graphql/require-principal.js';
import { fromGlobalId, toGlobalId } from '../../../schema/canonical/global-id.js';
import type { Customer } from '../../../schema/canonical/orders.js';
import { loadVisibleCustomer } from '../access.js';
import { builder } from '../builder.js';
import { AddressType } from './address.js';

/** Contact details of a customer. */
const contactDetails = [['customers:read' as const]];

export const CustomerType = builder.objectRef<Customer>('Customer').implement({
  description: 'A business that buys from the distributor (the commercial partner in Odoo).',
  authenticated: true,
  fields: (t) => ({
    id: t.id({
      description: 'Opaque, stable identifier.',
      resolve: (c) => toGlobalId('Customer', c.rowId),
    }),
    name: t.exposeString('name', { description: 'Company name.' }),
    reference: t.exposeString('reference', {
      nullable: true,
      description: 'The distributor\'s own customer number (Odoo `ref`), e.g. "C00042".',
    }),
    email: t.exposeString('email', {
      nullable: true,
      description: 'Main email address (scope `customers:read`).',
      requiresScopes: contactDetails,
    }),
    phone: t.exposeString('phone', {
      nullable: true,
      description: 'Main phone number (scope `customers:read`).',
      requiresScopes: contactDetails,
    }),
    vatNumber: t.exposeString('vatNumber', {
      nullable: true,
      description: 'Tax identification number (scope `customers:read`).',
      requiresScopes: contactDetails,
    }),
    deliveryAddresses: t.field({
      type: [AddressType],
      description:
        'Where goods may be delivered (scope `customers:read`); a customer has few, so this list is not paginated.',
      requiresScopes: contactDetails,
      resolve: async (c, _args, context) =>
        (await context.loaders.addressesByCustomerId.load(c.rowId)).filter((a) => a.kind === 'DELIVERY'),
    }),
    invoiceAddresses: t.field({
      type: [AddressType],
      description:
        'Where invoices are addressed (scope `customers:read`); a customer has few, so this list is not paginated.',
      requiresScopes: contactDetails,
      resolve: async (c, _args, context) =>
        (await context.loaders.addressesByCustomerId.load(c.rowId)).filter((a) => a.kind === 'INVOICE'),
    }),
  }),
});

builder.asEntity(CustomerType, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (reference, context) => loadVisibleCustomer(context, reference.id),
});

builder.queryField('customer', (t) =>
  t.field({
    type: CustomerType,
    nullable: true,
    description: 'One customer by id, or null when there is none or it is not visible to the caller.',
    authenticated: true,
    args: { id: t.arg.id({ required: true, description: 'The customer id.' }) },
    resolve: (_root, args, context) => {
      requirePrincipal(context);
      if (fromGlobalId('Customer', args.id) === null) {
        throw graphError('BAD_USER_INPUT', 'id is not a customer id.', {
          extensions: { issues: [{ argument: 'id', message: 'not a customer id' }] },
        });
      }
      return loadVisibleCustomer(context, args.id);
    },
  }),
);
