import {
  getNamedType,
  GraphQLError,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type ASTNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { errorCatalogue } from '../graphql/error-catalogue.js';
import type { AuthorizationRule, AuthorizationRules } from './authorization-rules.js';

/** A field (or a type reached through it) the caller may not select. */
export interface FieldDenial {
  /** `Type.field`, or `Type` for a type-level rule. */
  coordinate: string;
  /** Response keys (aliases included) from the root; list positions are not known before execution. */
  path: readonly string[];
  /** True for an anonymous caller: authentication, not a scope, is what is missing. */
  unauthenticated: boolean;
  /** The scopes of the alternative closest to being met (empty when only authentication is required). */
  missingScopes: readonly string[];
  node: ASTNode;
}

/** The scopes missing to meet `rule`, or null when it is met. */
function missingFor(rule: AuthorizationRule, scopes: ReadonlySet<string> | null): string[] | null {
  if (scopes === null) return rule.requiresScopes[0] ? [...rule.requiresScopes[0]] : [];
  if (rule.requiresScopes.length === 0) return null;
  const missing = rule.requiresScopes.map((set) => set.filter((scope) => !scopes.has(scope)));
  if (missing.some((set) => set.length === 0)) return null;
  return missing.reduce((fewest, set) => (set.length < fewest.length ? set : fewest));
}

/**
 * Every field of the operation that `principal` (null: anonymous) may not select, with fragments, inline
 * fragments and aliases followed (`@skip`/`@include` are not evaluated: a selected field counts).
 * Type-level rules apply to every field returning the type and to fragments on it (`_entities`).
 */
export function findDeniedFields(
  schema: GraphQLSchema,
  rules: AuthorizationRules,
  document: DocumentNode,
  operationName: string | null | undefined,
  principal: { scopes: readonly string[] } | null,
): FieldDenial[] {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const scopes = principal ? new Set(principal.scopes) : null;
  const denials = new Map<string, FieldDenial>();

  /** Records a denial of `coordinate` at `path`; true when denied. */
  const denied = (coordinate: string, node: ASTNode, path: readonly string[]): boolean => {
    const rule = rules.get(coordinate);
    const missing = rule && missingFor(rule, scopes);
    if (!missing) return false;
    const key = `${coordinate} ${path.join('.')}`;
    if (!denials.has(key))
      denials.set(key, { coordinate, path, unauthenticated: scopes === null, missingScopes: missing, node });
    return true;
  };

  // A refused field or fragment is not entered: nothing under it can be answered anyway.
  const walk = (
    parent: GraphQLCompositeType,
    selectionSet: SelectionSetNode,
    path: readonly string[],
    spread: ReadonlySet<string>,
  ): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) continue;
        const field = parent.getFields()[name];
        if (!field) continue;
        const fieldPath = [...path, selection.alias?.value ?? name];
        const named = getNamedType(field.type);
        const coordinates = [
          `${parent.name}.${name}`,
          ...(isAbstractType(parent) ? schema.getPossibleTypes(parent).map((t) => `${t.name}.${name}`) : []),
          named.name,
        ];
        if (coordinates.some((coordinate) => denied(coordinate, selection, fieldPath))) continue;
        if (selection.selectionSet && isCompositeType(named))
          walk(named, selection.selectionSet, fieldPath, spread);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (!isCompositeType(type) || denied(type.name, selection, path)) continue;
        walk(type, selection.selectionSet, path, spread);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || spread.has(fragment.name.value)) continue;
        const type = schema.getType(fragment.typeCondition.name.value);
        if (!isCompositeType(type) || denied(type.name, selection, path)) continue;
        walk(type, fragment.selectionSet, path, new Set([...spread, fragment.name.value]));
      }
    }
  };
  walk(root, operation.selectionSet, [], new Set());
  return [...denials.values()];
}

/** One error per denial: FORBIDDEN naming the missing scopes, or UNAUTHENTICATED for an anonymous caller. */
export function fieldAuthorizationErrors(denials: readonly FieldDenial[]): GraphQLError[] {
  return denials.map((denial) => {
    const { coordinate, missingScopes } = denial;
    const message = denial.unauthenticated
      ? errorCatalogue.UNAUTHENTICATED.message
      : `Missing scope${missingScopes.length > 1 ? 's' : ''} ${missingScopes.join(', ')} for ${coordinate}`;
    return new GraphQLError(message, {
      nodes: [denial.node],
      path: [...denial.path],
      extensions: {
        code: denial.unauthenticated ? 'UNAUTHENTICATED' : 'FORBIDDEN',
        missingScopes: [...missingScopes],
        coordinate,
      },
    });
  });
}
