import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import type { SubgraphContext } from '../graphql/subgraph-context.js';
import { currentCallBudget } from './call-budget.js';

/** The request header that asks for `extensions.callBudget` (any value but `0`). */
export const CALL_BUDGET_HEADER = 'x-dg-call-budget';

const DONE = Promise.resolve();

/**
 * Adds `extensions.callBudget` ({ odoo, wms, carrier, cacheHits, cacheMisses }) to the response when an
 * internal caller asks for it with the `x-dg-call-budget` header: what the request cost behind this
 * subgraph. Partners and anonymous callers never get it, header or not. The request must run inside
 * `withCallBudget` (the subgraph server runs each HTTP request so).
 */
export function callBudgetPlugin<C extends SubgraphContext>(): ApolloServerPlugin<C> {
  // One listener for every request that asks: it keeps nothing of its own.
  const listener: GraphQLRequestListener<C> = {
    willSendResponse: ({ contextValue, response }) => {
      const budget = currentCallBudget();
      if (!budget || contextValue.principal?.kind !== 'internal' || response.body.kind !== 'single')
        return DONE;
      const result = response.body.singleResult;
      result.extensions = { ...result.extensions, callBudget: { ...budget } };
      return DONE;
    },
  };
  const asked = Promise.resolve(listener);
  return {
    requestDidStart: ({ request }) => {
      const header = request.http?.headers.get(CALL_BUDGET_HEADER);
      return header === undefined || header === '0' ? DONE : asked;
    },
  };
}
