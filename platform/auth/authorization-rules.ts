import {
  isInterfaceType,
  isObjectType,
  valueFromASTUntyped,
  type ConstDirectiveNode,
  type GraphQLSchema,
} from 'graphql';

/** What a type or field asks of its caller, from `@authenticated` and `@requiresScopes`. */
export interface AuthorizationRule {
  authenticated: boolean;
  /** Alternatives (OR) of scope sets (AND); empty when no scope is required. */
  requiresScopes: readonly (readonly string[])[];
}

/** Rules by schema coordinate: `Type` for a type-level rule, `Type.field` for a field. */
export type AuthorizationRules = ReadonlyMap<string, AuthorizationRule>;

/** The directive names, as a supergraph prints them and as a subgraph that does not import them does. */
const AUTHENTICATED = new Set(['authenticated', 'federation__authenticated']);
const REQUIRES_SCOPES = new Set(['requiresScopes', 'federation__requiresScopes']);

function ruleOf(directives: readonly ConstDirectiveNode[]): AuthorizationRule | null {
  let authenticated = false;
  const requiresScopes: string[][] = [];
  for (const directive of directives) {
    if (AUTHENTICATED.has(directive.name.value)) authenticated = true;
    if (!REQUIRES_SCOPES.has(directive.name.value)) continue;
    const scopes = directive.arguments?.find((argument) => argument.name.value === 'scopes');
    const value: unknown = scopes ? valueFromASTUntyped(scopes.value) : [];
    if (!Array.isArray(value)) continue;
    for (const set of value as unknown[]) {
      if (Array.isArray(set)) requiresScopes.push(set.filter((s): s is string => typeof s === 'string'));
    }
  }
  return authenticated || requiresScopes.length > 0 ? { authenticated, requiresScopes } : null;
}

function directivesOf(element: {
  astNode?: { directives?: readonly ConstDirectiveNode[] } | null;
  extensionASTNodes?: readonly { directives?: readonly ConstDirectiveNode[] }[];
}): ConstDirectiveNode[] {
  return [element.astNode, ...(element.extensionASTNodes ?? [])].flatMap((node) => node?.directives ?? []);
}

/**
 * The authorization rules of a schema, read from the directives on its AST: a Pothos-built subgraph
 * schema (the federation plugin writes them there) and a schema built from a supergraph's SDL alike.
 */
export function authorizationRulesOf(schema: GraphQLSchema): AuthorizationRules {
  const rules = new Map<string, AuthorizationRule>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    const typeRule = ruleOf(directivesOf(type));
    if (typeRule) rules.set(type.name, typeRule);
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const fieldRule = ruleOf(directivesOf(field));
      if (fieldRule) rules.set(`${type.name}.${field.name}`, fieldRule);
    }
  }
  return rules;
}
