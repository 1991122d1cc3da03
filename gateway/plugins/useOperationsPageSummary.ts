import type { Registry } from 'prom-client';
import { values, type OperationsHistory } from './useOperationsPageHistory.js';

/** A GraphQL answer, as far as the page reads it. */
export interface GraphAnswer {
  data?: Record<string, unknown> | null;
  errors?: { extensions?: { code?: unknown } }[];
}

/** Runs one GraphQL query through the gateway as the caller whose credential is `key`. */
export type ExecuteAsCaller = (query: string, key: string) => Promise<GraphAnswer>;

/** What the graph answered for one section, or the error code that kept it from answering. */
export type Section = { data: unknown } | { error: string };

/** One query per section, so that one that fails (no Redis, no orchestration) leaves the others. */
const SECTIONS = {
  stuckOrders: `{ stuckOrders(first: 25) { edges { node { orderNumber phase since stuckForSeconds limitSeconds
      progress { status steps { step status attempts lastError { code message at } } } } } } }`,
  eventDeadLetters: `{ eventDeadLetters(first: 10) { totalCount edges { node { id eventType subject group attempts error deadAt } } } }`,
  webhookDeadLetters: `{ webhookDeadLetters(first: 10) { totalCount edges { node { id endpointId eventType attempts error deadAt } } } }`,
  integrationHealth: `{ integrationHealth { name kind reachable error probeMilliseconds circuit recentCalls recentErrorRate recentLatencyMilliseconds } }`,
  partnerWebhookDeliveries: `{ partnerWebhookDeliveries { tenantPartnerId endpoints attempts delivered failed successRate } }`,
} as const;

async function section(execute: ExecuteAsCaller, name: keyof typeof SECTIONS, key: string): Promise<Section> {
  try {
    const result = await execute(SECTIONS[name], key);
    const value = result.data?.[name];
    if (value !== undefined && value !== null) return { data: value };
    const code = result.errors?.[0]?.extensions?.code;
    return { error: typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR' };
  } catch {
    return { error: 'INTERNAL_SERVER_ERROR' };
  }
}

/** Fetches from the gateway to each subgraph since it started: how many, how many failed, mean latency. */
async function subgraphFetches(registry: Registry) {
  const [fetches, durations] = await Promise.all([
    values(registry, 'dg_subgraph_fetches_total'),
    values(registry, 'dg_subgraph_fetch_duration_seconds'),
  ]);
  const bySubgraph = new Map<
    string,
    { subgraph: string; fetches: number; errors: number; seconds: number }
  >();
  const row = (subgraph: string) => {
    const existing = bySubgraph.get(subgraph) ?? { subgraph, fetches: 0, errors: 0, seconds: 0 };
    bySubgraph.set(subgraph, existing);
    return existing;
  };
  for (const s of fetches) {
    const r = row(String(s.labels.subgraph));
    r.fetches += s.value;
    if (s.labels.outcome !== 'ok') r.errors += s.value;
  }
  for (const s of durations.filter((d) => d.metricName?.endsWith('_sum')))
    row(String(s.labels.subgraph)).seconds += s.value;
  return [...bySubgraph.values()].map(({ seconds, ...r }) => ({
    ...r,
    meanLatencyMs: r.fetches > 0 ? (seconds / r.fetches) * 1000 : null,
  }));
}

/**
 * The operations page's data: the gateway's own metrics (totals, subgraph fetches, the last hour of
 * points) and what the graph answers the signed-in operator (stuck orders, dead letters, integration
 * health, webhook deliveries per partner), each section on its own.
 */
export async function operationsSummary(options: {
  registry: Registry;
  history: OperationsHistory;
  execute: ExecuteAsCaller;
  key: string;
}) {
  const { execute, key } = options;
  const names = Object.keys(SECTIONS) as (keyof typeof SECTIONS)[];
  const [totals, fetches, ...sections] = await Promise.all([
    options.history.totals(),
    subgraphFetches(options.registry),
    ...names.map((name) => section(execute, name, key)),
  ]);
  return {
    generatedAt: new Date().toISOString(),
    totals: {
      requests: totals.requests,
      errors: totals.errors,
      cacheHits: totals.cacheHits,
      cacheMisses: totals.cacheMisses,
      lag: totals.lag,
    },
    subgraphFetches: fetches,
    history: options.history.points(),
    ...Object.fromEntries(names.map((name, i) => [name, sections[i]!])),
  };
}
