import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { everySelectedField, selectsOnly } from '../../../platform/graphql/selection.js';

/** What a line read for its ordered quantity only can answer (see `toOrderedLine`). */
const orderedLineFields = new Set(['__typename', 'id', 'product', 'quantity']);

/** Whether the request wants no more of an order's lines than their id, product and ordered quantity. */
export const wantsOnlyOrderedLines = selectsOnly('OrderLine', orderedLineFields);

/** What a query asks of lines at these `lines` fields: nothing (none selected), ordered only, or all. */
export function linesAskedAt(
  nodes: readonly FieldNode[],
  info: Pick<GraphQLResolveInfo, 'fragments' | 'schema'>,
): 'none' | 'ordered' | 'full' {
  if (nodes.length === 0) return 'none';
  const ordered = nodes.every((node) =>
    everySelectedField(
      node.selectionSet,
      { ...info, fieldNodes: nodes },
      (field) => orderedLineFields.has(field.name.value),
      'OrderLine',
    ),
  );
  return ordered ? 'ordered' : 'full';
}
