import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/** How list sizes are estimated. */
export interface CostModel {
  /** Size assumed for a list with no `first`/`last` argument (order lines, stock per warehouse). Default 5. */
  defaultListSize?: number;
  /** Largest size a `first`/`last` argument counts for (the subgraphs cap pages at it). Default 100. */
  maxListSize?: number;
}

export const COST_MODEL_DEFAULTS: Required<CostModel> = { defaultListSize: 5, maxListSize: 100 };

function pageSize(field: FieldNode, variables: Record<string, unknown>, max: number): number | null {
  for (const argument of field.arguments ?? []) {
    if (argument.name.value !== 'first' && argument.name.value !== 'last') continue;
    const value = valueFromASTUntyped(argument.value, variables);
    if (typeof value === 'number' && Number.isFinite(value)) return Math.min(Math.max(value, 0), max);
  }
  return null;
}

/**
 * The cost of one object field whose selection costs `below` per object: a list counts each item, a
 * connection (an object taking `first`/`last`) counts itself once and its `edges`/`nodes` once per item
 * of the page (an edge wrapper is free), a single object counts 1.
 */
function fieldCost(
  field: FieldNode,
  definition: GraphQLField<unknown, unknown>,
  below: (connectionPage: number | null) => number,
  variables: Record<string, unknown>,
  connectionPage: number | null,
  model: Required<CostModel>,
): number {
  const isList = isListType(getNullableType(definition.type));
  const page = pageSize(field, variables, model.maxListSize);
  const name = field.name.value;
  if (!isList) return 1 + below(page);
  if (connectionPage !== null && name === 'edges') return connectionPage * below(null);
  const size = page ?? (connectionPage !== null && name === 'nodes' ? connectionPage : model.defaultListSize);
  return size * (1 + below(null));
}

/**
 * The cost of an operation before it runs, roughly the objects it may return: every object costs 1
 * (scalars and enums come with their object, free), once per item of a list, the list's size being its
 * `first`/`last` argument (capped at `maxListSize`) or `defaultListSize`; a connection counts once and
 * its edges' nodes once per item of the page. Introspection fields cost nothing; an operation costs at least 1. The same number
 * is the rate limiter's unit.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string | null,
  variables: Record<string, unknown> = {},
  costModel: CostModel = {},
): number {
  const model = { ...COST_MODEL_DEFAULTS, ...costModel };
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  const costOf = (
    parent: GraphQLCompositeType,
    set: SelectionSetNode,
    spread: ReadonlySet<string>,
    connectionPage: number | null,
  ): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const definition =
          isObjectType(parent) || isInterfaceType(parent)
            ? parent.getFields()[selection.name.value]
            : undefined;
        if (!definition) continue;
        const named = getNamedType(definition.type);
        const selectionSet = selection.selectionSet;
        if (!selectionSet || !isCompositeType(named)) continue; // a leaf comes with its object
        const below = (page: number | null) => costOf(named, selectionSet, spread, page);
        total += fieldCost(selection, definition, below, variables, connectionPage, model);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (isCompositeType(type)) total += costOf(type, selection.selectionSet, spread, connectionPage);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || spread.has(fragment.name.value)) continue;
        const type = schema.getType(fragment.typeCondition.name.value);
        if (isCompositeType(type))
          total += costOf(
            type,
            fragment.selectionSet,
            new Set([...spread, fragment.name.value]),
            connectionPage,
          );
      }
    }
    return total;
  };
  return Math.max(1, costOf(root, operation.selectionSet, new Set(), null));
}

/** Costs per operation and variables, at most this many per document. */
const COSTS_PER_DOCUMENT = 64;

/**
 * {@link operationCost} under one cost model, remembered per schema, parsed document (the runtime hands
 * the same DocumentNode for the same query text from its parse cache), operation name and variables, so
 * a query sent again is not walked again. A document's entries go with it.
 */
export class OperationCosts {
  readonly #bySchema = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, number>>>();

  constructor(private readonly costModel: CostModel = {}) {}

  of(
    schema: GraphQLSchema,
    document: DocumentNode,
    operationName: string | null | undefined,
    variables: Record<string, unknown>,
  ): number {
    let byDocument = this.#bySchema.get(schema);
    if (!byDocument) this.#bySchema.set(schema, (byDocument = new WeakMap()));
    let costs = byDocument.get(document);
    if (!costs) byDocument.set(document, (costs = new Map<string, number>()));
    const key = `${operationName ?? ''}\u0000${JSON.stringify(variables)}`;
    const known = costs.get(key);
    if (known !== undefined) return known;
    const cost = operationCost(schema, document, operationName, variables, this.costModel);
    if (costs.size >= COSTS_PER_DOCUMENT) costs.clear();
    costs.set(key, cost);
    return cost;
  }
}
