import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** The Order fields an order read for a list can answer (see `toListedOrder`). */
const listedOrderFields = new Set([
  '__typename',
  'id',
  'number',
  'status',
  'deliveryStatus',
  'invoicingStatus',
  'orderedAt',
  'customer',
  'lines',
]);

/** What a page may ask at each level besides the next one: connection, edge, node. */
const connectionFields = new Set(['__typename', 'pageInfo', 'totalCount']);
const edgeFields = new Set(['__typename', 'cursor']);

/** Per field's nodes: graphql-js hands every customer of a list the same array, and documents are reused. */
const answers = new WeakMap<readonly FieldNode[], boolean>();

/** Whether every field of the selection (fragments included) passes `check`. */
function every(
  selectionSet: SelectionSetNode | undefined,
  info: GraphQLResolveInfo,
  check: (field: FieldNode) => boolean,
): boolean {
  if (!selectionSet) return false;
  return selectionSet.selections.every((selection) => {
    switch (selection.kind) {
      case Kind.FIELD:
        return check(selection);
      case Kind.INLINE_FRAGMENT:
        return every(selection.selectionSet, info, check);
      case Kind.FRAGMENT_SPREAD:
        return every(info.fragments[selection.name.value]?.selectionSet, info, check);
      default:
        return false;
    }
  });
}

const onlyListed = (node: FieldNode) => listedOrderFields.has(node.name.value);

/**
 * Whether a page of orders asks no more of its orders than what a list shows, whatever its fragments;
 * `@skip` and `@include` are not evaluated, so a field they leave out counts.
 */
export function wantsOnlyListedOrders(info: GraphQLResolveInfo): boolean {
  let answer = answers.get(info.fieldNodes);
  if (answer === undefined) {
    const edge = (field: FieldNode) =>
      edgeFields.has(field.name.value) ||
      (field.name.value === 'node' && every(field.selectionSet, info, onlyListed));
    const connection = (field: FieldNode) =>
      connectionFields.has(field.name.value) ||
      (field.name.value === 'edges' && every(field.selectionSet, info, edge));
    answer = info.fieldNodes.every((node) => every(node.selectionSet, info, connection));
    answers.set(info.fieldNodes, answer);
  }
  return answer;
}
