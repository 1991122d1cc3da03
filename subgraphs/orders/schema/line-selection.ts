import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** The OrderLine fields a line read for its ordered quantity only can answer (see `toOrderedLine`). */
const orderedLineFields = new Set(['__typename', 'id', 'product', 'quantity']);

/** Per field's nodes: graphql-js hands every order of a list the same array, and documents are reused. */
const answers = new WeakMap<readonly FieldNode[], boolean>();

function onlyOrderedFields(selectionSet: SelectionSetNode | undefined, info: GraphQLResolveInfo): boolean {
  if (!selectionSet) return false;
  return selectionSet.selections.every((selection) => {
    switch (selection.kind) {
      case Kind.FIELD:
        return orderedLineFields.has(selection.name.value);
      case Kind.INLINE_FRAGMENT:
        return onlyOrderedFields(selection.selectionSet, info);
      case Kind.FRAGMENT_SPREAD:
        return onlyOrderedFields(info.fragments[selection.name.value]?.selectionSet, info);
      default:
        return false;
    }
  });
}

/**
 * Whether the request wants no more of an order's lines than their id, product and ordered quantity,
 * whatever its fragments; `@skip` and `@include` are not evaluated, so a field they leave out counts.
 */
export function wantsOnlyOrderedLines(info: GraphQLResolveInfo): boolean {
  let answer = answers.get(info.fieldNodes);
  if (answer === undefined) {
    answer = info.fieldNodes.every((node) => onlyOrderedFields(node.selectionSet, info));
    answers.set(info.fieldNodes, answer);
  }
  return answer;
}
