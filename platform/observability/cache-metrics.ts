import { Counter, type Registry } from 'prom-client';
import { cacheLookupChannel, type CacheLookup } from './channels.js';

/** Cumulative counts of one cache per type, as `EntityCache.stats()` answers them. */
export type CacheStatsSnapshot = Readonly<Record<string, { readonly hits: number; readonly misses: number }>>;

/** What a cache feeds: lookups one by one (or `publishCacheLookup`), or its own counters, read at scrape. */
export interface CacheMetrics {
  lookup(lookup: CacheLookup): void;
  /** Reads `stats()` at every scrape and counts what it gained since; returns the function that stops. */
  trackStats(cache: string, stats: () => CacheStatsSnapshot): () => void;
  /** Stops listening to the `dg:cache-lookup` channel. */
  close(): void;
}

/**
 * `dg_cache_lookups_total{cache, type, result}`: hits and misses of the entity cache (`cache="entity"`,
 * by entity type) and the gateway's response cache (`cache="response"`), however they report them.
 */
export function cacheMetrics(registry: Registry): CacheMetrics {
  const sources = new Map<() => CacheStatsSnapshot, { cache: string; last: Map<string, number> }>();
  const counter: Counter<'cache' | 'type' | 'result'> = new Counter({
    name: 'dg_cache_lookups_total',
    help: 'Cache lookups by cache (entity, response), cached type and result (hit, miss).',
    labelNames: ['cache', 'type', 'result'] as const,
    registers: [registry],
    collect() {
      for (const [stats, source] of sources) {
        for (const [type, counts] of Object.entries(stats())) {
          for (const result of ['hit', 'miss'] as const) {
            const total = result === 'hit' ? counts.hits : counts.misses;
            const key = `${type}\u0000${result}`;
            const gained = total - (source.last.get(key) ?? 0);
            source.last.set(key, total);
            if (gained > 0) counter.inc({ cache: source.cache, type, result }, gained);
          }
        }
      }
    },
  });
  const lookup = (l: CacheLookup) =>
    counter.inc({ cache: l.cache, type: l.type, result: l.result }, l.count ?? 1);
  const onLookup = (message: unknown) => lookup(message as CacheLookup);
  cacheLookupChannel.subscribe(onLookup);
  return {
    lookup,
    trackStats(cache, stats) {
      sources.set(stats, { cache, last: new Map() });
      return () => void sources.delete(stats);
    },
    close: () => cacheLookupChannel.unsubscribe(onLookup),
  };
}
