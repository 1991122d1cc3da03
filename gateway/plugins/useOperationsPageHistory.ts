import type { Registry } from 'prom-client';

/** Cumulative figures read from the metrics registry at one instant. */
interface Reading {
  at: number;
  requests: number;
  errors: number;
  connectors: Record<string, { calls: number; errors: number; seconds: number }>;
  cacheHits: number;
  cacheMisses: number;
  webhooksDelivered: number;
  webhooksFailed: number;
  /** Gauges: absent (null) when this process does not track them. */
  lag: number | null;
  deadLetters: number | null;
  stuck: number | null;
}

/** One point of the charts: rates over the interval that ended at `t`, and gauges at `t`. */
export interface HistoryPoint {
  /** Unix seconds. */
  t: number;
  requestsPerSecond: number;
  errorsPerSecond: number;
  /** Per connected system: failed / calls in the interval (null without calls), mean latency in ms. */
  connectors: Record<string, { callsPerSecond: number; errorRate: number | null; latencyMs: number | null }>;
  /** hits / lookups in the interval; null without lookups. */
  cacheHitRatio: number | null;
  /** delivered / attempts in the interval; null without attempts. */
  webhookSuccess: number | null;
  lag: number | null;
  deadLetters: number | null;
  stuck: number | null;
}

type Sample = { labels: Record<string, string | number | undefined>; value: number; metricName?: string };

export async function values(registry: Registry, name: string): Promise<Sample[]> {
  const metric = registry.getSingleMetric(name);
  if (!metric) return [];
  return (await metric.get()).values;
}

const sum = (samples: Sample[], keep: (s: Sample) => boolean = () => true) =>
  samples.filter(keep).reduce((total, s) => total + s.value, 0);

async function read(registry: Registry): Promise<Reading> {
  const [requests, calls, durations, lookups, deliveries, lag, dead, stuck] = await Promise.all([
    values(registry, 'dg_graphql_requests_total'),
    values(registry, 'dg_connector_calls_total'),
    values(registry, 'dg_connector_call_duration_seconds'),
    values(registry, 'dg_cache_lookups_total'),
    values(registry, 'dg_webhook_deliveries_total'),
    values(registry, 'dg_event_consumer_lag'),
    values(registry, 'dg_event_dead_letters'),
    values(registry, 'dg_orchestration_orders'),
  ]);
  const gateway = (s: Sample) => s.labels.service === 'gateway';
  const connectors: Reading['connectors'] = {};
  for (const s of calls) {
    const system = String(s.labels.system);
    const figures = (connectors[system] ??= { calls: 0, errors: 0, seconds: 0 });
    figures.calls += s.value;
    if (s.labels.outcome !== 'ok') figures.errors += s.value;
  }
  for (const s of durations.filter((d) => d.metricName?.endsWith('_sum'))) {
    const figures = connectors[String(s.labels.system)];
    if (figures) figures.seconds += s.value;
  }
  return {
    at: Date.now(),
    requests: sum(requests, gateway),
    errors: sum(requests, (s) => gateway(s) && s.labels.outcome !== 'ok'),
    connectors,
    cacheHits: sum(lookups, (s) => s.labels.result === 'hit'),
    cacheMisses: sum(lookups, (s) => s.labels.result === 'miss'),
    webhooksDelivered: sum(deliveries, (s) => s.labels.outcome === 'delivered'),
    webhooksFailed: sum(
      deliveries,
      (s) => s.labels.outcome !== 'delivered' && s.labels.outcome !== 'skipped',
    ),
    lag: lag.length > 0 ? sum(lag) : null,
    deadLetters: dead.length > 0 ? sum(dead) : null,
    stuck: stuck.length > 0 ? sum(stuck, (s) => s.labels.state === 'stuck') : null,
  };
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

function pointOf(before: Reading, after: Reading): HistoryPoint {
  const seconds = Math.max((after.at - before.at) / 1000, 0.001);
  const connectors: HistoryPoint['connectors'] = {};
  for (const [system, now] of Object.entries(after.connectors)) {
    const then = before.connectors[system] ?? { calls: 0, errors: 0, seconds: 0 };
    const calls = now.calls - then.calls;
    connectors[system] = {
      callsPerSecond: calls / seconds,
      errorRate: ratio(now.errors - then.errors, calls),
      latencyMs: calls > 0 ? ((now.seconds - then.seconds) / calls) * 1000 : null,
    };
  }
  const hits = after.cacheHits - before.cacheHits;
  const delivered = after.webhooksDelivered - before.webhooksDelivered;
  return {
    t: Math.round(after.at / 1000),
    requestsPerSecond: (after.requests - before.requests) / seconds,
    errorsPerSecond: (after.errors - before.errors) / seconds,
    connectors,
    cacheHitRatio: ratio(hits, hits + after.cacheMisses - before.cacheMisses),
    webhookSuccess: ratio(delivered, delivered + after.webhooksFailed - before.webhooksFailed),
    lag: after.lag,
    deadLetters: after.deadLetters,
    stuck: after.stuck,
  };
}

export interface OperationsHistoryOptions {
  registry: Registry;
  /** Between two points. Default 10 s. */
  intervalMs?: number;
  /** Points kept (a ring buffer). Default 360: an hour at 10 s. */
  capacity?: number;
}

/**
 * The last hour of the gateway's own metrics as chart points, sampled every 10 s from the moment the
 * gateway starts, so the operations page shows an hour on its first load. In memory on purpose: a
 * derived view of this replica's metrics, lost on restart (Prometheus is the durable record).
 */
export class OperationsHistory {
  readonly #registry: Registry;
  readonly #capacity: number;
  readonly #points: HistoryPoint[] = [];
  readonly #timer: NodeJS.Timeout;
  #last: Reading | undefined;

  constructor(options: OperationsHistoryOptions) {
    this.#registry = options.registry;
    this.#capacity = options.capacity ?? 360;
    this.#timer = setInterval(() => void this.sample(), options.intervalMs ?? 10_000);
    this.#timer.unref();
    void this.sample();
  }

  /** Reads the registry now and appends a point (after the first reading). */
  async sample(): Promise<HistoryPoint | null> {
    const reading = await read(this.#registry).catch(() => null);
    if (!reading) return null;
    const before = this.#last;
    this.#last = reading;
    if (!before) return null;
    const point = pointOf(before, reading);
    this.#points.push(point);
    if (this.#points.length > this.#capacity) this.#points.shift();
    return point;
  }

  /** The points, oldest first. */
  points(): readonly HistoryPoint[] {
    return this.#points;
  }

  /** Counters since the gateway started (for the headline figures). */
  async totals(): Promise<Reading> {
    return read(this.#registry);
  }

  close(): void {
    clearInterval(this.#timer);
  }
}
