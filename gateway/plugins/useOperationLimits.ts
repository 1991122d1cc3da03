import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { LRUCache } from 'lru-cache';
import type { DgContext } from '../gateway-context.js';
import { COST_MODEL_DEFAULTS, OperationCosts } from '../operation-cost.js';
import {
  GraphQLError,
  Kind,
  Lexer,
  Source,
  TokenKind,
  type ExecutionArgs,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/** How big an operation may be. Every limit trips before anything is sent to a subgraph. */
export interface OperationLimitsOptions {
  /** Deepest selection nesting. Default 12 (the deepest example operation uses 7). */
  maxDepth?: number;
  /** Aliases per operation. Default 15. */
  maxAliases?: number;
  /** Directives per operation. Default 10. */
  maxDirectives?: number;
  /** Lexical tokens per document. Default 2000. */
  maxTokens?: number;
  /** Cost (gateway/operation-cost.ts: 1 per object field, × list size under a list). Default 5000. */
  maxCost?: number;
  /** List size counted for a list without `first`/`last`. Default 5. */
  defaultListSize?: number;
  /** Largest `first`/`last` counted (the subgraphs cap pages at it). Default 100. */
  maxListSize?: number;
  /** Root fields per operation. Default 10. */
  maxRootFields?: number;
}

export const OPERATION_LIMIT_DEFAULTS: Required<OperationLimitsOptions> = {
  maxDepth: 12,
  maxAliases: 15,
  maxDirectives: 10,
  maxTokens: 2000,
  maxCost: 5000,
  maxRootFields: 10,
  ...COST_MODEL_DEFAULTS,
};

/** Operation costs under the cost model of these limits, for the cost limit and the rate limiter alike. */
export function operationCostsUnder(options: OperationLimitsOptions = {}): OperationCosts {
  return new OperationCosts({ ...OPERATION_LIMIT_DEFAULTS, ...options });
}

/** One LIMIT_EXCEEDED error in place of armor's own, which carries no code. */
function report(context: ValidationContext | null, error: GraphQLError): void {
  const message = error.message.replace(/^Syntax Error: /, '');
  context?.reportError(new GraphQLError(message, { extensions: { code: 'LIMIT_EXCEEDED' } }));
}

function maxRootFieldsRule(limit: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const count = operation.selectionSet.selections.filter(
        (selection) => selection.kind === Kind.FIELD,
      ).length;
      if (count > limit) {
        context.reportError(
          new GraphQLError(`Root field limit of ${limit} exceeded, found ${count}.`, {
            nodes: [operation],
            extensions: { code: 'LIMIT_EXCEEDED' },
          }),
        );
      }
    },
  });
}

/** Whether `query` has more than `limit` lexical tokens; stops counting at the limit, so it is cheap. */
function exceedsTokens(query: string, limit: number): number | null {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      count += 1;
      if (count > limit) return count;
    }
  } catch {
    return null; // not lexable: the parser reports the syntax error
  }
  return null;
}

/**
 * Depth, aliases, directives, tokens, cost (graphql-armor, a maintained set of validation rules) and
 * root fields, refused as validation errors with `extensions.code: "LIMIT_EXCEEDED"` and the limit in the message.
 */
export function useOperationLimits(
  options: OperationLimitsOptions = {},
  costs: OperationCosts = operationCostsUnder(options),
): GatewayPlugin<DgContext>[] {
  const limits = { ...OPERATION_LIMIT_DEFAULTS, ...options };
  // Query texts already counted under the token limit, so a query sent again is not lexed again.
  const withinTokens = new LRUCache<string, true>({
    maxSize: 4_000_000,
    sizeCalculation: (_value, query) => query.length,
  });
  const common = { exposeLimits: true, propagateOnRejection: false, onReject: [report] };
  return [
    // An envelop plugin that never reads the context; its context type parameter cannot name Hive's.
    EnvelopArmorPlugin({
      maxDepth: { ...common, n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true },
      maxAliases: { ...common, n: limits.maxAliases },
      maxDirectives: { ...common, n: limits.maxDirectives },
      // Tokens are counted below, before parsing: the Hive runtime parses with its own cached parser.
      maxTokens: { enabled: false },
      // Our own cost, below: armor's ignores `first`/`last`, and the rate limiter spends the same units.
      costLimit: { enabled: false },
      // Suggestions would let a caller rebuild the schema from typos; the gateway never offers them.
      blockFieldSuggestion: { enabled: true },
    }) as unknown as GatewayPlugin<DgContext>,
    { onValidate: ({ addValidationRule }) => addValidationRule(maxRootFieldsRule(limits.maxRootFields)) },
    {
      onExecute: ({ args, setResultAndStopExecution }) => {
        const { schema, document, operationName, variableValues } = args as ExecutionArgs;
        const cost = costs.of(schema, document, operationName, variableValues ?? {});
        if (cost <= limits.maxCost) return;
        setResultAndStopExecution({
          errors: [
            new GraphQLError(`Cost limit of ${limits.maxCost} exceeded, found ${cost}.`, {
              extensions: { code: 'LIMIT_EXCEEDED', http: { status: 400 } },
            }),
          ],
        });
      },
    },
    {
      onParams: ({ params }) => {
        if (typeof params.query !== 'string' || withinTokens.has(params.query)) return;
        if (exceedsTokens(params.query, limits.maxTokens) === null) {
          withinTokens.set(params.query, true);
          return;
        }
        throw new GraphQLError(`Token limit of ${limits.maxTokens} exceeded.`, {
          extensions: { code: 'LIMIT_EXCEEDED', http: { status: 400 } },
        });
      },
    },
  ];
}
