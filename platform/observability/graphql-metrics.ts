import { Counter, Histogram, type Registry } from 'prom-client';
import type { Principal } from '../auth/principal.js';
import { OperationLabels } from './operation-label.js';

/** Seconds: from a cache hit (a few ms) to a slow Odoo report (tens of seconds). */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** How one GraphQL operation ended: `ok`, `error` (errors in the result) or `rejected` (no execution). */
export type GraphqlOutcome = 'ok' | 'error' | 'rejected';

export interface GraphqlRequestSample {
  /** `gateway` or the subgraph's name. */
  service: string;
  operation: string | null | undefined;
  outcome: GraphqlOutcome;
  /** null: anonymous; undefined: not known (refused before authentication finished). */
  principal: Principal | null | undefined;
  durationSeconds: number;
}

/** `dg_graphql_requests_total` and `dg_graphql_request_duration_seconds`, for the gateway and the subgraphs. */
export class GraphqlMetrics {
  readonly #requests: Counter<'service' | 'operation' | 'outcome' | 'principal'>;
  readonly #duration: Histogram<'service' | 'operation' | 'outcome' | 'principal'>;
  readonly #operations = new OperationLabels();

  constructor(registry: Registry) {
    const labelNames = ['service', 'operation', 'outcome', 'principal'] as const;
    this.#requests = new Counter({
      name: 'dg_graphql_requests_total',
      help: 'GraphQL operations by service, operation name, outcome (ok, error, rejected) and principal kind (internal, partner, anonymous, unknown).',
      labelNames,
      registers: [registry],
    });
    this.#duration = new Histogram({
      name: 'dg_graphql_request_duration_seconds',
      help: 'GraphQL operation latency in seconds, by service, operation name, outcome and principal kind.',
      labelNames,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
  }

  observe(sample: GraphqlRequestSample): void {
    const labels = {
      service: sample.service,
      operation: this.#operations.label(sample.operation),
      outcome: sample.outcome,
      principal: sample.principal === undefined ? 'unknown' : (sample.principal?.kind ?? 'anonymous'),
    };
    this.#requests.inc(labels);
    this.#duration.observe(labels, sample.durationSeconds);
  }
}
