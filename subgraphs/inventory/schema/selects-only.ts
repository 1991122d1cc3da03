import { isObjectType, Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * A check of whether a field's selection asks no more of `typeName` than `fields`, whatever its
 * fragments; fragments on another object type do not count, `@skip` and `@include` are not evaluated
 * (a field they leave out counts). Answers are kept per field's nodes, which graphql-js shares across
 * the items of a list and across requests of the same parsed document.
 */
export function selectsOnly(typeName: string, fields: ReadonlySet<string>) {
  const answers = new WeakMap<readonly FieldNode[], boolean>();
  const appliesTo = (condition: string | undefined, info: GraphQLResolveInfo) =>
    condition === undefined || condition === typeName || !isObjectType(info.schema.getType(condition));
  const only = (selectionSet: SelectionSetNode | undefined, info: GraphQLResolveInfo): boolean =>
    selectionSet !== undefined &&
    selectionSet.selections.every((selection) => {
      switch (selection.kind) {
        case Kind.FIELD:
          return fields.has(selection.name.value);
        case Kind.INLINE_FRAGMENT:
          return !appliesTo(selection.typeCondition?.name.value, info) || only(selection.selectionSet, info);
        case Kind.FRAGMENT_SPREAD: {
          const fragment = info.fragments[selection.name.value];
          if (!fragment) return false;
          return !appliesTo(fragment.typeCondition.name.value, info) || only(fragment.selectionSet, info);
        }
        default:
          return false;
      }
    });
  return (info: GraphQLResolveInfo): boolean => {
    let answer = answers.get(info.fieldNodes);
    if (answer === undefined) {
      answer = info.fieldNodes.every((node) => only(node.selectionSet, info));
      answers.set(info.fieldNodes, answer);
    }
    return answer;
  };
}
