import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { getOperationAST, Kind, type ExecutionArgs, type SelectionSetNode } from 'graphql';
import { graphError } from '../../platform/graphql/graph-error.js';
import type { DgContext } from '../gateway-context.js';

export interface IntrospectionPolicyOptions {
  /** Refuse `__schema` and `__type` to partners (and anonymous callers). Default true. */
  refusePartners?: boolean;
}

/** Whether `set` selects `__schema` or `__type` (through inline fragments too; `__typename` is fine). */
function introspects(set: SelectionSetNode): boolean {
  return set.selections.some((selection) =>
    selection.kind === Kind.FIELD
      ? selection.name.value === '__schema' || selection.name.value === '__type'
      : selection.kind === Kind.INLINE_FRAGMENT && introspects(selection.selectionSet),
  );
}

function refusal(args: ExecutionArgs) {
  const principal = (args.contextValue as Partial<DgContext> | undefined)?.principal ?? null;
  if (principal?.kind === 'internal') return null;
  const operation = getOperationAST(args.document, args.operationName);
  if (!operation || !introspects(operation.selectionSet)) return null;
  return graphError('FORBIDDEN', 'Introspection is disabled for partners.', {
    extensions: { http: { status: 403 } },
  });
}

/**
 * Introspection is for our own tools: in production, an operation by a partner or an anonymous caller
 * that selects `__schema` or `__type` at its root is refused (FORBIDDEN, 403) before it runs. Partners
 * learn the schema from the published SDL and documentation. Register after authentication.
 */
export function useIntrospectionPolicy(options: IntrospectionPolicyOptions = {}): GatewayPlugin<DgContext> {
  if (options.refusePartners === false) return {};
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = refusal(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}
