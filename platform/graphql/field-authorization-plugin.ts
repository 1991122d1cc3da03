import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import {
  execute,
  subscribe,
  type ExecutionArgs,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { authorizationRulesOf } from '../auth/authorization-rules.js';
import { fieldAuthorizationErrors, findDeniedFields } from '../auth/field-authorization.js';
import type { SubgraphContext } from './subgraph-context.js';

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

function denialsFor(schema: GraphQLSchema, rules: ReturnType<typeof authorizationRulesOf>) {
  return (args: Pick<ExecutionArgs, 'document' | 'operationName'>, context: SubgraphContext) => {
    const denials = findDeniedFields(schema, rules, args.document, args.operationName, context.principal);
    if (denials.length > 0)
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
  const refusals = denialsFor(schema, authorizationRulesOf(schema));
  return {
    // eslint-disable-next-line @typescript-eslint/require-await -- Apollo's hook is async by contract
    requestDidStart: async () => ({
      // eslint-disable-next-line @typescript-eslint/require-await -- Apollo's hook is async by contract
      responseForOperation: async ({ document, request, contextValue }) => {
        const errors = refusals({ document, operationName: request.operationName }, contextValue);
        if (errors.length === 0) return null;
        const anonymous = contextValue.principal === null;
        return {
          http: { status: anonymous ? 401 : 403, headers: new HeaderMap() },
          body: {
            kind: 'single',
            singleResult: { errors: errors.map((error) => formatError(error.toJSON(), error)) },
          },
        };
      },
    }),
  };
}

/** graphql-ws's `execute` and `subscribe`, refusing the same operations as {@link fieldAuthorizationPlugin}. */
export function authorizedExecution(schema: GraphQLSchema) {
  const refusals = denialsFor(schema, authorizationRulesOf(schema));
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
