import { readFile } from 'node:fs/promises';
import type { BenchRow } from './bench-row.js';

interface SubscriptionResults {
  date: string;
  loadAverageAtStart: string;
  subscribers: number;
  phases: {
    label: string;
    deliveredPerSecond: number;
    delivered: number;
    events: number;
    delayFromSendMs: { p50: number; p99: number };
  }[];
}

interface CaptureResults {
  date: string;
  loadAverageAtStart: string;
  phases: {
    label: string;
    orchestration: string;
    inFlight: number;
    ratePerSecond: number;
    errors: number;
    latencyMs: { p50: number; p99: number };
    odooCallsPerRequest: number;
  }[];
}

/**
 * Part e: the latest figures of the subscription and order-capture benchmarks, read from their result
 * files (not rerun: each takes minutes; `npm run bench:subscriptions` and `npm run bench:capture`).
 */
export async function quotedRows(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const subscriptions = JSON.parse(
    await readFile('bench/results/subscription-delivery.json', 'utf8'),
  ) as SubscriptionResults;
  for (const phase of subscriptions.phases)
    rows.push({
      part: 'e',
      subject: `subscription delivery, ${subscriptions.subscribers} subscribers (webhook → subscriber)`,
      setting: `${phase.label}; run ${subscriptions.date.slice(0, 16)}Z, load ${subscriptions.loadAverageAtStart}`,
      rate: phase.deliveredPerSecond,
      p50: phase.delayFromSendMs.p50,
      p99: phase.delayFromSendMs.p99,
      note: `delivered ${phase.delivered}/${phase.events}; latency = webhook sent → subscriber received`,
    });
  const capture = JSON.parse(await readFile('bench/results/capture-orders.json', 'utf8')) as CaptureResults;
  for (const phase of capture.phases)
    rows.push({
      part: 'e',
      subject: `captureOrder (orchestration ${phase.orchestration})`,
      setting: `${phase.label}, ${phase.inFlight} in flight; run ${capture.date.slice(0, 16)}Z, load ${capture.loadAverageAtStart}`,
      rate: phase.ratePerSecond,
      p50: phase.latencyMs.p50,
      p99: phase.latencyMs.p99,
      odooCallsPerOp: phase.odooCallsPerRequest,
      errors: phase.errors,
    });
  return rows;
}
