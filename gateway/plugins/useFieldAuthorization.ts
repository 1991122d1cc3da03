import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { buildASTSchema, parse, type ExecutionArgs, type GraphQLError } from 'graphql';
import { authorizationRulesOf } from '../../platform/auth/authorization-rules.js';
import { DeniedFieldsMemo } from '../../platform/auth/denied-fields-memo.js';
import { fieldAuthorizationErrors } from '../../platform/auth/field-authorization.js';
import type { Logger } from '../../platform/logger.js';
import type { DgContext } from '../gateway-context.js';

export interface FieldAuthorizationOptions {
  /** The supergraph SDL, whose `@authenticated` and `@requiresScopes` are enforced. Required. */
  supergraphSdl: string;
  /** Where refusals are logged (coordinates and caller id). Default none. */
  logger?: Logger;
}

/**
 * Enforces `@authenticated` and `@requiresScopes` of the supergraph before anything is planned or sent
 * to a subgraph: an operation selecting any field (or type) the caller may not see is refused whole,
 * one error per field naming the missing scopes (FORBIDDEN, HTTP 403; UNAUTHENTICATED, 401, for an
 * anonymous caller), and no data. Nothing is ever cut from an answer silently. Register it after
 * {@link useApiKeyAuth}, whose principal it reads.
 */
export function useFieldAuthorization(options: FieldAuthorizationOptions): GatewayPlugin<DgContext> {
  const schema = buildASTSchema(parse(options.supergraphSdl), { assumeValidSDL: true });
  // Remembered per document, operation and scope set: a query sent again is not walked again.
  const denied = new DeniedFieldsMemo(schema, authorizationRulesOf(schema));
  const refusals = (args: ExecutionArgs): GraphQLError[] => {
    const { document, operationName } = args;
    const principal = (args.contextValue as Partial<DgContext> | undefined)?.principal ?? null;
    const denials = denied.deniedFields(document, operationName, principal);
    if (denials.length === 0) return [];
    options.logger?.info(
      { principal: principal?.id ?? null, coordinates: denials.map((d) => d.coordinate) },
      'operation refused: fields',
    );
    const status = principal ? 403 : 401;
    return fieldAuthorizationErrors(denials).map((error) => {
      Object.assign(error.extensions, { http: { status } });
      return error;
    });
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const errors = refusals(args);
      if (errors.length > 0) setResultAndStopExecution({ errors });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const errors = refusals(args);
      if (errors.length > 0) setResultAndStopExecution({ errors });
    },
  };
}
