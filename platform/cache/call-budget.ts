import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What one request cost: calls to each system behind the graph (every attempt, retries included) and
 * entity cache lookups. Served to internal callers as `extensions.callBudget`.
 */
export interface CallBudget {
  odoo: number;
  wms: number;
  carrier: number;
  cacheHits: number;
  cacheMisses: number;
}

const storage = new AsyncLocalStorage<CallBudget>();

export function emptyCallBudget(): CallBudget {
  return { odoo: 0, wms: 0, carrier: 0, cacheHits: 0, cacheMisses: 0 };
}

/** Runs `fn` with `budget` counting what everything it awaits costs. */
export function withCallBudget<T>(budget: CallBudget, fn: () => T): T {
  return storage.run(budget, fn);
}

/** The budget of the request in progress, if any. */
export function currentCallBudget(): CallBudget | undefined {
  return storage.getStore();
}

/**
 * Connector `onCall` hooks that count each attempt against the current request. (A call that waited in
 * a connector's bulkhead queue may be counted to the request that freed its slot.)
 */
export const countCallsTo = {
  odoo: (): void => {
    const budget = storage.getStore();
    if (budget) budget.odoo += 1;
  },
  wms: (): void => {
    const budget = storage.getStore();
    if (budget) budget.wms += 1;
  },
  carrier: (): void => {
    const budget = storage.getStore();
    if (budget) budget.carrier += 1;
  },
} as const;
