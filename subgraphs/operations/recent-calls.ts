import {
  connectorCallChannel,
  type CircuitName,
  type ConnectedSystem,
  type ConnectorCall,
} from '../../platform/observability/channels.js';

/** Calls to one system over the window: how many, how many failed, their mean latency, the breaker. */
export interface RecentCallFigures {
  calls: number;
  errors: number;
  /** errors / calls; null without calls. */
  errorRate: number | null;
  /** Mean attempt latency in milliseconds; null without calls. */
  meanLatencyMs: number | null;
  /** The client's breaker after its last attempt in this process; null before any call. */
  circuit: CircuitName | null;
}

interface Bucket {
  at: number;
  calls: number;
  errors: number;
  totalMs: number;
}

const BUCKET_MS = 10_000;

/**
 * The last few minutes of calls to Odoo, the WMS and the carrier, from the connectors'
 * `dg:connector-call` channel (the feed of `dg_connector_*` in /metrics), in 10-second buckets. It sees
 * the clients of this process: in the embedded stack, every client; deployed, this subgraph's own (its
 * probes), so a Prometheus over every process is the fleet-wide view.
 */
export class RecentCalls {
  readonly #windowMs: number;
  readonly #buckets = new Map<ConnectedSystem, Bucket[]>();
  readonly #circuits = new Map<ConnectedSystem, CircuitName>();
  readonly #onCall = (message: unknown) => this.record(message as ConnectorCall);

  /** `windowMs`: how far back the figures reach. Default 5 minutes. */
  constructor(windowMs = 5 * 60_000) {
    this.#windowMs = windowMs;
    connectorCallChannel.subscribe(this.#onCall);
  }

  record(call: ConnectorCall, now = Date.now()): void {
    this.#circuits.set(call.system, call.circuit);
    const buckets = this.#buckets.get(call.system) ?? [];
    this.#buckets.set(call.system, buckets);
    const at = now - (now % BUCKET_MS);
    let bucket = buckets.at(-1);
    if (bucket?.at !== at) {
      bucket = { at, calls: 0, errors: 0, totalMs: 0 };
      buckets.push(bucket);
      while (buckets.length > 0 && buckets[0]!.at <= now - this.#windowMs - BUCKET_MS) buckets.shift();
    }
    bucket.calls += 1;
    bucket.totalMs += call.durationMs;
    if (call.outcome !== 'ok') bucket.errors += 1;
  }

  figures(system: ConnectedSystem, now = Date.now()): RecentCallFigures {
    const recent = (this.#buckets.get(system) ?? []).filter((b) => b.at > now - this.#windowMs - BUCKET_MS);
    const calls = recent.reduce((sum, b) => sum + b.calls, 0);
    const errors = recent.reduce((sum, b) => sum + b.errors, 0);
    const totalMs = recent.reduce((sum, b) => sum + b.totalMs, 0);
    return {
      calls,
      errors,
      errorRate: calls > 0 ? errors / calls : null,
      meanLatencyMs: calls > 0 ? totalMs / calls : null,
      circuit: this.#circuits.get(system) ?? null,
    };
  }

  close(): void {
    connectorCallChannel.unsubscribe(this.#onCall);
  }
}
