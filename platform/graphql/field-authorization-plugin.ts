import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestListener } from '@apollo/server';
import {
  execute,
  subscribe,
  type ExecutionArgs,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { authorizationRulesOf } from '../auth/authorization-rules.js';
import { DeniedFieldsMemo } from '../auth/denied-fields-memo.js';
import { fieldAuthorizationErrors } from '../auth/field-authorization.js';
import type { SubgraphContext } from './subgraph-context.js';

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/** The refusals of an operation for the context's caller (none: it may run), each denial found once. */
function denialsFor(schema: GraphQLSchema) {
  const memo = new DeniedFieldsMemo(schema, authorizationRulesOf(schema));
  return (args: Pick<ExecutionArgs, 'document' | 'operationName'>, context: SubgraphContext) => {
    const denials = memo.deniedFields(args.document, args.operationName, context.principal);
    if (denials.length === 0) return [];
    context.logger.info({ coordinates: denials.map((d) => d.coordinate) }, 'operation refused: fields');
    return fieldAuthorizationErrors(denials);
  };
}

/**
 * Enforces `@authenticated` and `@requiresScopes` at a subgraph, whatever reached it: an operation that
 * selects a field the caller may not see (also inside `_entities` fragments) is refused before it runs,
 * with one error per field and no data. 401 when the caller is anonymous, else 403.
 */
export function fieldAuthorizationPlugin<C extends SubgraphContext>(
  schema: GraphQLSchema,
  formatError: FormatError,
): ApolloServerPlugin<C> {
  const refusals = denialsFor(schema);
  const NOT_REFUSED = Promise.resolve(null);
  // One listener for every request: it keeps nothing of its own between hooks.
  const listener: GraphQLRequestListener<C> = {
    responseForOperation: ({ document, request, contextValue }) => {
      const errors = refusals({ document, operationName: request.operationName }, contextValue);
      if (errors.length === 0) return NOT_REFUSED;
      const anonymous = contextValue.principal === null;
      return Promise.resolve({
        http: { status: anonymous ? 401 : 403, headers: new HeaderMap() },
        body: {
          kind: 'single',
          singleResult: { errors: errors.map((error) => formatError(error.toJSON(), error)) },
        },
      });
    },
  };
  const started = Promise.resolve(listener);
  return { requestDidStart: () => started };
}

/** graphql-ws's `execute` and `subscribe`, refusing the same operations as {@link fieldAuthorizationPlugin}. */
export function authorizedExecution(schema: GraphQLSchema) {
  const refusals = denialsFor(schema);
  return {
    execute: (args: ExecutionArgs) => {
      const errors = refusals(args, args.contextValue as SubgraphContext);
      return errors.length > 0 ? { errors } : execute(args);
    },
    subscribe: (args: ExecutionArgs) => {
      const errors = refusals(args, args.contextValue as SubgraphContext);
      return errors.length > 0 ? { errors } : subscribe(args);
    },
  };
}
