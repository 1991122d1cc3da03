import SchemaBuilder from '@pothos/core';
import DirectivePlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import {
  CurrencyCodeScalar,
  DateScalar,
  DateTimeScalar,
  DecimalScalar,
  type CanonicalScalars,
} from '../../schema/canonical/scalars.js';
import type { Scope } from '../auth/scopes.js';
import type { SubgraphContext } from './subgraph-context.js';

export type SubgraphSchemaTypes<C extends SubgraphContext> = {
  Context: C;
  Scalars: CanonicalScalars;
  // Non-null unless a field says otherwise: nullability is chosen per field, on purpose.
  DefaultFieldNullability: false;
  /** `requiresScopes` accepts only the scopes of platform/auth/scopes.ts. */
  FederationScopes: Scope;
};

/** Money and quantities: the value types every subgraph shares (so they are @shareable). */
export interface MoneyShape {
  amount: string;
  currency: string;
}
export interface QuantityShape {
  value: string;
  unit: string;
}

/**
 * A Pothos builder for one federated subgraph with the canonical vocabulary registered: the scalars,
 * Money, Quantity and Relay connections whose PageInfo is shared across subgraphs.
 */
export function createSubgraphBuilder<C extends SubgraphContext>() {
  const builder = new SchemaBuilder<SubgraphSchemaTypes<C>>({
    plugins: [RelayPlugin, DirectivePlugin, FederationPlugin],
    defaultFieldNullability: false,
    relay: {
      clientMutationId: 'omit',
      cursorType: 'String',
      nodeQueryOptions: false,
      nodesQueryOptions: false,
      pageInfoTypeOptions: {
        shareable: true,
        description: 'Where a page sits in its list, for cursor pagination.',
      },
      hasNextPageFieldOptions: { description: 'Whether more items follow this page.' },
      hasPreviousPageFieldOptions: { description: 'Whether items precede this page.' },
      startCursorFieldOptions: {
        description: 'Cursor of the first item of the page; null for an empty page.',
      },
      endCursorFieldOptions: {
        description: 'Cursor of the last item; pass it as `after` for the next page.',
      },
      firstArgOptions: {
        description: 'Page size when paging forward (1 to 100; 20 when neither first nor last is given).',
      },
      afterArgOptions: {
        description: 'Return items after this cursor (an `endCursor` from a previous page).',
      },
      lastArgOptions: { description: 'Page size when paging backward (1 to 100).' },
      beforeArgOptions: {
        description: 'Return items before this cursor (a `startCursor` from a previous page).',
      },
      edgesFieldOptions: { description: 'The items of this page, each with its cursor.' },
      pageInfoFieldOptions: { description: 'Where this page sits in the list.' },
      nodeFieldOptions: { description: 'The item.' },
      cursorFieldOptions: { description: 'Opaque position of this item; pass it as `after` or `before`.' },
    },
  });
  builder.addScalarType('DateTime', DateTimeScalar);
  builder.addScalarType('Date', DateScalar);
  builder.addScalarType('Decimal', DecimalScalar);
  builder.addScalarType('CurrencyCode', CurrencyCodeScalar);

  const Money = builder.objectRef<MoneyShape>('Money').implement({
    description: 'An exact amount of money in one currency.',
    shareable: true,
    fields: (t) => ({
      amount: t.expose('amount', {
        type: 'Decimal',
        description: 'The amount, rounded to the currency precision.',
      }),
      currency: t.expose('currency', { type: 'CurrencyCode', description: 'The ISO 4217 currency.' }),
    }),
  });
  const Quantity = builder.objectRef<QuantityShape>('Quantity').implement({
    description: 'A quantity of goods with its unit of measure.',
    shareable: true,
    fields: (t) => ({
      value: t.expose('value', { type: 'Decimal', description: 'How many units.' }),
      unit: t.exposeString('unit', { description: 'The unit of measure, e.g. "Units", "Box of 12", "kg".' }),
    }),
  });
  builder.queryType({ description: 'What can be read.' });
  return { builder, Money, Quantity };
}
