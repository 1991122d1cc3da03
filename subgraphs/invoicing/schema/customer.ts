import type { CustomerCredit } from '../../../schema/canonical/invoicing.js';
import { visibleCustomerRowId } from '../access.js';
import { balanceOf, creditOf } from '../balance.js';
import { builder, Money } from '../builder.js';

const CustomerCreditType = builder.objectRef<CustomerCredit>('CustomerCredit').implement({
  description: "A customer's credit with the distributor, in the company currency.",
  fields: (t) => ({
    limit: t.field({
      type: Money,
      nullable: true,
      description: 'The most the customer may owe; null when no limit is set (Odoo credit limit 0).',
      resolve: (c) => c.limit,
    }),
    used: t.field({
      type: Money,
      description: 'What the customer owes now: the open balance of posted invoices.',
      resolve: (c) => c.used,
    }),
    available: t.field({
      type: Money,
      nullable: true,
      description: 'What is left of the limit, never below zero; null when no limit is set.',
      resolve: (c) => c.available,
    }),
    onHold: t.exposeBoolean('onHold', {
      description: 'True when the open balance exceeds the limit: new orders should wait for payment.',
    }),
  }),
});

/**
 * The orders subgraph's Customer, keyed by its opaque id, with its finances added here. The key is
 * resolvable so that the gateway can ask this subgraph for `balance` and `credit`.
 */
export const CustomerRef = builder
  .externalRef('Customer', builder.selection<{ id: string }>('id'), (reference) => reference)
  .implement({
    description: 'A business that buys from the distributor; owned by the orders subgraph.',
    authenticated: true,
    fields: (t) => ({
      id: t.exposeID('id', { description: 'Opaque, stable identifier.' }),
      balance: t.field({
        type: Money,
        description:
          'What the customer owes on posted invoices, net of open credit notes, in the company currency (documents in other currencies are not included); internal only (scope `finance:read`).',
        requiresScopes: [['finance:read']],
        resolve: (customer, _args, context) => balanceOf(context, visibleCustomerRowId(context, customer.id)),
      }),
      credit: t.field({
        type: CustomerCreditType,
        description:
          "The customer's credit limit and how much of it is used; internal only (scope `finance:read`).",
        requiresScopes: [['finance:read']],
        resolve: (customer, _args, context) => creditOf(context, visibleCustomerRowId(context, customer.id)),
      }),
    }),
  });
