import { Counter, Histogram, type Registry } from 'prom-client';
import { LATENCY_BUCKETS } from './graphql-metrics.js';

/** `dg_subgraph_fetches_total` and `dg_subgraph_fetch_duration_seconds`: the gateway's calls to subgraphs. */
export class SubgraphFetchMetrics {
  readonly #fetches: Counter<'subgraph' | 'outcome'>;
  readonly #duration: Histogram<'subgraph' | 'outcome'>;

  constructor(registry: Registry) {
    this.#fetches = new Counter({
      name: 'dg_subgraph_fetches_total',
      help: 'HTTP fetches from the gateway to subgraphs by subgraph and outcome (ok, http_<status>, failed).',
      labelNames: ['subgraph', 'outcome'] as const,
      registers: [registry],
    });
    this.#duration = new Histogram({
      name: 'dg_subgraph_fetch_duration_seconds',
      help: 'Latency of fetches from the gateway to subgraphs in seconds, by subgraph and outcome.',
      labelNames: ['subgraph', 'outcome'] as const,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
  }

  observe(subgraph: string, outcome: string, durationSeconds: number): void {
    this.#fetches.inc({ subgraph, outcome });
    this.#duration.observe({ subgraph, outcome }, durationSeconds);
  }
}
