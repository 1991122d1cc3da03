import { isObjectType, Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * What the field being resolved selects, read from its AST so that a resolver can ask a connected system
 * for no more than the query needs. Fragment spreads and inline fragments are followed; `@skip` and
 * `@include` are not evaluated, so a field they may leave out counts as selected (a field too many only
 * costs a fuller read).
 */
type Info = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments' | 'schema'>;

/**
 * Whether every field of `selectionSet` on `typeName` passes `check`, through fragments; fragments on
 * another object type never apply to it and are skipped. An absent selection set passes nothing.
 */
export function everySelectedField(
  selectionSet: SelectionSetNode | undefined,
  info: Info,
  check: (field: FieldNode) => boolean,
  typeName?: string,
): boolean {
  const appliesTo = (condition: string | undefined) =>
    typeName === undefined ||
    condition === undefined ||
    condition === typeName ||
    !isObjectType(info.schema.getType(condition));
  const visit = (set: SelectionSetNode | undefined): boolean =>
    set !== undefined &&
    set.selections.every((selection) => {
      switch (selection.kind) {
        case Kind.FIELD:
          return check(selection);
        case Kind.INLINE_FRAGMENT:
          return !appliesTo(selection.typeCondition?.name.value) || visit(selection.selectionSet);
        case Kind.FRAGMENT_SPREAD: {
          const fragment = info.fragments[selection.name.value];
          if (!fragment) return false;
          return !appliesTo(fragment.typeCondition.name.value) || visit(fragment.selectionSet);
        }
        default:
          return false;
      }
    });
  return visit(selectionSet);
}

/**
 * A check, kept per field's nodes (graphql-js hands every item of a list the same array, and a parsed
 * document is reused across requests), of whether the field being resolved passes `check` in every
 * place the query selects it.
 */
export function rememberedPerField(check: (node: FieldNode, info: Info) => boolean) {
  const answers = new WeakMap<readonly FieldNode[], boolean>();
  return (info: Info): boolean => {
    let answer = answers.get(info.fieldNodes);
    if (answer === undefined) {
      answer = info.fieldNodes.every((node) => check(node, info));
      answers.set(info.fieldNodes, answer);
    }
    return answer;
  };
}

/** Whether the field being resolved asks no more of `typeName` than `fields`. */
export function selectsOnly(typeName: string, fields: ReadonlySet<string>) {
  return rememberedPerField((node, info) =>
    everySelectedField(node.selectionSet, info, (field) => fields.has(field.name.value), typeName),
  );
}

/**
 * Calls `onField` with every field of `selectionSet`, through inline fragments and fragment spreads;
 * a fragment already in `seen` is not entered again.
 */
function forEachField(
  selectionSet: SelectionSetNode | undefined,
  fragments: GraphQLResolveInfo['fragments'],
  onField: (field: FieldNode) => void,
  seen: Set<string> = new Set(),
): void {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) onField(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT)
      forEachField(selection.selectionSet, fragments, onField, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      forEachField(fragments[selection.name.value]?.selectionSet, fragments, onField, seen);
    }
  }
}

/** The names of the fields selected under the field being resolved, through fragments. */
export function selectedFieldNames(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  for (const node of info.fieldNodes)
    forEachField(node.selectionSet, info.fragments, (field) => names.add(field.name.value), seen);
  return names;
}

/**
 * The field nodes a query reaches from `nodes` by following `path` (field names, through fragments),
 * e.g. `['edges', 'node', 'lines']` from a page of a connection: for a resolver that reads ahead what
 * its children will ask.
 */
export function fieldsAtPath(
  nodes: readonly FieldNode[],
  info: Pick<GraphQLResolveInfo, 'fragments'>,
  path: readonly string[],
): FieldNode[] {
  let level: FieldNode[] = [...nodes];
  for (const name of path) {
    const next: FieldNode[] = [];
    const seen = new Set<string>();
    const onField = (field: FieldNode) => {
      if (field.name.value === name) next.push(field);
    };
    for (const node of level) forEachField(node.selectionSet, info.fragments, onField, seen);
    level = next;
  }
  return level;
}
