import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { connectorCallChannel, type CircuitName, type ConnectorCall } from './channels.js';
import { LATENCY_BUCKETS } from './graphql-metrics.js';

const CIRCUIT_VALUE: Record<CircuitName, number> = { closed: 0, 'half-open': 1, open: 2 };

/**
 * Calls to Odoo, the WMS and the carrier, fed by the connectors' `dg:connector-call` channel:
 * `dg_connector_calls_total`, `dg_connector_call_duration_seconds` (by system, method, outcome) and
 * `dg_connector_circuit_state` (by system: 0 closed, 1 half-open, 2 open, as of the last attempt; a
 * deployed process has one client per system, the embedded stack's clients share the gauge).
 * Returns the function that stops listening.
 */
export function registerConnectorMetrics(registry: Registry): () => void {
  const calls = new Counter({
    name: 'dg_connector_calls_total',
    help: 'Attempts of calls to connected systems by system (odoo, wms, carrier), method and outcome (ok or error code).',
    labelNames: ['system', 'method', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'dg_connector_call_duration_seconds',
    help: 'Latency of attempts of calls to connected systems in seconds, by system, method and outcome.',
    labelNames: ['system', 'method', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const circuit = new Gauge({
    name: 'dg_connector_circuit_state',
    help: 'Circuit breaker of each connected system after its last call: 0 closed, 1 half-open, 2 open.',
    labelNames: ['system'] as const,
    registers: [registry],
  });
  const onCall = (message: unknown) => {
    const call = message as ConnectorCall;
    const labels = { system: call.system, method: call.method, outcome: call.outcome };
    calls.inc(labels);
    duration.observe(labels, call.durationMs / 1000);
    circuit.set({ system: call.system }, CIRCUIT_VALUE[call.circuit]);
  };
  connectorCallChannel.subscribe(onCall);
  return () => connectorCallChannel.unsubscribe(onCall);
}
