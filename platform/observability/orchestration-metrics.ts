import { Gauge, type Registry } from 'prom-client';

/** Orders in one step and state of the orchestration, with the age of the oldest of them. */
export interface OrchestrationStepCount {
  step: string;
  /** e.g. `running`, `waiting`, `stuck`, `failed`. */
  state: string;
  count: number;
  /** Seconds since the oldest of these orders entered the step; 0 when there is none. */
  oldestAgeSeconds: number;
}

/** Where the counts come from (the orchestration's store); called at every scrape. */
export type OrchestrationCounts = () => Promise<readonly OrchestrationStepCount[]>;

/**
 * `dg_orchestration_orders{step, state}` and `dg_orchestration_oldest_order_age_seconds{step, state}`,
 * read from `counts` at scrape time (one call per scrape). `track` returns the function that stops.
 */
export function registerOrchestrationMetrics(registry: Registry): {
  track(counts: OrchestrationCounts): () => void;
} {
  const sources = new Set<OrchestrationCounts>();
  let scrape: Promise<OrchestrationStepCount[]> | undefined;
  const current = () => {
    scrape ??= (async () => {
      const settled = await Promise.allSettled([...sources].map((counts) => counts()));
      setTimeout(() => (scrape = undefined), 200).unref();
      return settled.flatMap((result) => (result.status === 'fulfilled' ? [...result.value] : []));
    })();
    return scrape;
  };
  const gauge = (name: string, help: string, value: (row: OrchestrationStepCount) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['step', 'state'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        for (const row of await current()) this.set({ step: row.step, state: row.state }, value(row));
      },
    });
  gauge('dg_orchestration_orders', 'Orders in each orchestration step and state.', (row) => row.count);
  gauge(
    'dg_orchestration_oldest_order_age_seconds',
    'Age of the oldest order in each orchestration step and state, in seconds.',
    (row) => row.oldestAgeSeconds,
  );
  return {
    track(counts) {
      sources.add(counts);
      return () => void sources.delete(counts);
    },
  };
}
