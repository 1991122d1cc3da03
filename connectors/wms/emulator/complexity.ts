/**
 * What a request costs in credits, estimated before it runs as ShipHero does: each root field 1, plus the
 * page size asked of its `data(first:)` (default 100); each mutation 5.
 */
import {
  Kind,
  OperationTypeNode,
  type FieldNode,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';

export function rootFields(operation: OperationDefinitionNode): FieldNode[] {
  return operation.selectionSet.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD);
}

export function estimateComplexity(
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  let total = 0;
  for (const field of rootFields(operation)) {
    if (operation.operation === OperationTypeNode.MUTATION) {
      total += 5;
      continue;
    }
    const data = field.selectionSet?.selections.find(
      (s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === 'data',
    );
    const first = data?.arguments?.find((arg) => arg.name.value === 'first');
    total += 1 + (first ? (numberOf(first.value, variables) ?? 100) : data ? 100 : 0);
  }
  return total;
}

/** The cost of one root field, for its `complexity` answer. */
export function fieldComplexity(
  operation: OperationDefinitionNode,
  field: FieldNode,
  variables: Record<string, unknown>,
): number {
  return estimateComplexity(
    { ...operation, selectionSet: { ...operation.selectionSet, selections: [field] } },
    variables,
  );
}

function numberOf(value: ValueNode, variables: Record<string, unknown>): number | undefined {
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    return typeof v === 'number' ? v : undefined;
  }
  return undefined;
}
