import { selectsOnly } from '../../../platform/graphql/selection.js';

/**
 * Whether the request wants no more of an order's lines than their id, product and ordered quantity
 * (what a line read for its ordered quantity only can answer, see `toOrderedLine`).
 */
export const wantsOnlyOrderedLines = selectsOnly(
  'OrderLine',
  new Set(['__typename', 'id', 'product', 'quantity']),
);
