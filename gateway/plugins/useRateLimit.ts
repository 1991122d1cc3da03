import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { ExecutionArgs, GraphQLError } from 'graphql';
import type { Principal } from '../../platform/auth/principal.js';
import { graphError } from '../../platform/graphql/graph-error.js';
import type { BucketSpec, TokenBuckets } from '../../platform/rate-limit/token-buckets.js';
import type { DgContext } from '../gateway-context.js';
import { OperationCosts } from '../operation-cost.js';

export interface RateLimitOptions {
  /** Where the budgets are kept (Redis, or memory for a single gateway). Required. */
  buckets: TokenBuckets;
  /** Each partner's (and anonymous caller's) budget in cost units. Default 20,000 per minute. */
  partner?: BucketSpec | null;
  /** Each internal principal's budget. Default null: unlimited. */
  internal?: BucketSpec | null;
  /** The costs the cost limit keeps (useOperationLimits), so that both count in the same units and an
   * operation's cost is worked out once. Default: costs under the default model. */
  costs?: OperationCosts;
}

export const DEFAULT_PARTNER_BUDGET: BucketSpec = { capacity: 20_000, refillPerSecond: 20_000 / 60 };

function budgetOf(options: RateLimitOptions, principal: Principal | null): BucketSpec | null {
  if (principal?.kind === 'internal') return options.internal ?? null;
  return options.partner === undefined ? DEFAULT_PARTNER_BUDGET : options.partner;
}

/**
 * Per-principal rate limits in cost units: each operation spends its cost (gateway/operation-cost.ts)
 * from the principal's token bucket before anything is sent to a subgraph; an empty bucket refuses it
 * with RATE_LIMITED, HTTP 429 and `Retry-After`. Register after authentication and the operation limits
 * (an operation refused for its size spends nothing). A store that cannot be reached fails the operation.
 */
export function useRateLimit(options: RateLimitOptions): GatewayPlugin<DgContext> {
  const costs = options.costs ?? new OperationCosts();
  const refusal = async (args: ExecutionArgs, principal: Principal | null, budget: BucketSpec) => {
    const cost = costs.of(args.schema, args.document, args.operationName, args.variableValues ?? {});
    const taken = await options.buckets.take(`cost:${principal?.id ?? 'anonymous'}`, cost, budget);
    if (taken.allowed) return null;
    const seconds = taken.retryAfterSeconds;
    return graphError(
      'RATE_LIMITED',
      `Rate limit of ${budget.capacity} cost units exceeded (this operation costs ${cost}); retry in ${seconds} s.`,
      {
        extensions: {
          retryAfterSeconds: seconds,
          http: { status: 429, headers: { 'Retry-After': String(seconds) } },
        },
      },
    );
  };
  // Synchronous for a caller without a budget (internal, by default): no promise in its way.
  const check = ({
    args,
    setResultAndStopExecution,
  }: {
    args: ExecutionArgs;
    setResultAndStopExecution: (result: { errors: GraphQLError[] }) => void;
  }) => {
    const principal = (args.contextValue as Partial<DgContext> | undefined)?.principal ?? null;
    const budget = budgetOf(options, principal);
    if (!budget) return;
    return refusal(args, principal, budget).then((error) => {
      if (error) setResultAndStopExecution({ errors: [error] });
    });
  };
  return { onExecute: check, onSubscribe: check };
}
