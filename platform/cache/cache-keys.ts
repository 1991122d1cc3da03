import type { CacheType } from './cache-policy.js';

/** An entry's address: its type and its key within the type (a SKU, an order number, a row id). */
export interface CacheEntryRef {
  type: CacheType;
  key: string;
}

/** Where an entry's value lives: `<namespace>:<type>:<key>` (e.g. `dg:cache:stock:WIDGET-1`). */
export function valueKey(namespace: string, ref: CacheEntryRef): string {
  return `${namespace}:${ref.type}:${ref.key}`;
}

/**
 * Where an entry's generation lives: `<namespace>-gen:<type>:<key>`. An eviction bumps it; a read writes
 * its answer back only if the generation is still the one it saw before asking Odoo.
 */
export function generationKey(namespace: string, ref: CacheEntryRef): string {
  return `${namespace}-gen:${ref.type}:${ref.key}`;
}
