import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { trace } from '@opentelemetry/api';
import type { SubgraphContext } from '../graphql/subgraph-context.js';
import type { GraphqlMetrics, GraphqlOutcome } from './graphql-metrics.js';

const DONE = Promise.resolve();

/**
 * A subgraph's GraphQL operations in `dg_graphql_requests_total` and its latency histogram (`service` the
 * subgraph's name); also names the operation on the request's span. `rejected`: refused before execution
 * (unparsable, invalid, unauthenticated).
 */
export function graphqlMetricsPlugin<C extends SubgraphContext>(
  metrics: GraphqlMetrics,
  service: string,
): ApolloServerPlugin<C> {
  return {
    requestDidStart() {
      const started = performance.now();
      let executed = false;
      const listener: GraphQLRequestListener<C> = {
        executionDidStart() {
          executed = true;
          return DONE;
        },
        willSendResponse({ response, operationName, operation, contextValue }) {
          const body = response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
          const outcome: GraphqlOutcome = !executed ? 'rejected' : errors?.length ? 'error' : 'ok';
          metrics.observe({
            service,
            operation: operationName,
            outcome,
            principal: contextValue.principal,
            durationSeconds: (performance.now() - started) / 1000,
          });
          const span = trace.getActiveSpan();
          if (span) {
            if (operation) span.setAttribute('graphql.operation.type', operation.operation);
            if (operationName) span.setAttribute('graphql.operation.name', operationName);
          }
          return DONE;
        },
      };
      return Promise.resolve(listener);
    },
  };
}
