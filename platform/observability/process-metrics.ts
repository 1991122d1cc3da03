import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { cacheMetrics, type CacheMetrics } from './cache-metrics.js';
import { registerConnectorMetrics } from './connector-metrics.js';
import { registerEventStreamMetrics, type EventStreamSource } from './event-stream-metrics.js';
import { GraphqlMetrics } from './graphql-metrics.js';
import { registerOrchestrationMetrics, type OrchestrationCounts } from './orchestration-metrics.js';
import { SubgraphFetchMetrics } from './subgraph-fetch-metrics.js';
import { registerWebhookMetrics } from './webhook-metrics.js';

/**
 * The metrics of one process, in one Prometheus registry: Node's default metrics (prefixed `dg_`) and
 * every `dg_*` family, whichever parts (gateway, subgraphs, events, workers) the process runs. Parts
 * add what they own: an event stream, orchestration counts, a cache's counters.
 */
export class ProcessMetrics {
  readonly registry = new Registry();
  readonly graphql: GraphqlMetrics;
  readonly subgraphFetches: SubgraphFetchMetrics;
  readonly cache: CacheMetrics;
  /** `dg_subscriptions_open{service}`: graphql-ws subscriptions being served. */
  readonly subscriptionsOpen: Gauge<'service'>;
  readonly #eventStreams: ReturnType<typeof registerEventStreamMetrics>;
  readonly #orchestration: ReturnType<typeof registerOrchestrationMetrics>;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'dg_' });
    this.graphql = new GraphqlMetrics(this.registry);
    this.subgraphFetches = new SubgraphFetchMetrics(this.registry);
    this.cache = cacheMetrics(this.registry);
    this.subscriptionsOpen = new Gauge({
      name: 'dg_subscriptions_open',
      help: 'GraphQL subscriptions open over graphql-ws, by service (gateway or subgraph).',
      labelNames: ['service'] as const,
      registers: [this.registry],
    });
    registerConnectorMetrics(this.registry);
    registerWebhookMetrics(this.registry);
    this.#eventStreams = registerEventStreamMetrics(this.registry);
    this.#orchestration = registerOrchestrationMetrics(this.registry);
  }

  /** Reads the stream's length, group lag and dead letters at every scrape; returns the function that stops. */
  trackEventStream(source: EventStreamSource): () => void {
    return this.#eventStreams.track(source);
  }

  /** Reads the orchestration's counts at every scrape (e.g. from `stuckCounts()`); returns the function that stops. */
  trackOrchestration(counts: OrchestrationCounts): () => void {
    return this.#orchestration.track(counts);
  }

  /** The text exposition format, for `/metrics`. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

let current: ProcessMetrics | undefined;

/** This process's metrics, created on first use: every part of the process reports to the same registry. */
export function processMetrics(): ProcessMetrics {
  current ??= new ProcessMetrics();
  return current;
}
