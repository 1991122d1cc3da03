import type { ApolloServerPlugin } from '@apollo/server';
import type { SubgraphContext } from '../graphql/subgraph-context.js';
import { currentCallBudget } from './call-budget.js';

/** The request header that asks for `extensions.callBudget` (any value but `0`). */
export const CALL_BUDGET_HEADER = 'x-dg-call-budget';

/**
 * Adds `extensions.callBudget` ({ odoo, wms, carrier, cacheHits, cacheMisses }) to the response when an
 * internal caller asks for it with the `x-dg-call-budget` header: what the request cost behind this
 * subgraph. Partners and anonymous callers never get it, header or not. The request must run inside
 * `withCallBudget` (the subgraph server runs each HTTP request so).
 */
export function callBudgetPlugin<C extends SubgraphContext>(): ApolloServerPlugin<C> {
  return {
    // eslint-disable-next-line @typescript-eslint/require-await -- Apollo's hooks are async by contract
    requestDidStart: async ({ request }) => {
      const asked = request.http?.headers.get(CALL_BUDGET_HEADER);
      if (asked === undefined || asked === '0') return;
      return {
        // eslint-disable-next-line @typescript-eslint/require-await -- Apollo's hooks are async by contract
        willSendResponse: async ({ contextValue, response }) => {
          const budget = currentCallBudget();
          if (!budget || contextValue.principal?.kind !== 'internal' || response.body.kind !== 'single')
            return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, callBudget: { ...budget } };
        },
      };
    },
  };
}
