import type { RedisClient } from '../../platform/redis.js';

/** The sources the reconciler keeps a cursor for. */
export type CursorName = 'odoo:sale.order' | 'wms:orders' | 'carrier:trackers';

/**
 * Where each source's reconciliation cursor (an ISO 8601 UTC time) is kept: one Redis hash, so that a
 * restarted process, or another instance taking over, continues where the last pass ended.
 */
export class ReconcileCursors {
  readonly #redis: RedisClient;
  readonly key: string;

  constructor(redis: RedisClient, key: string) {
    this.#redis = redis;
    this.key = key;
  }

  async get(name: CursorName): Promise<string | null> {
    const value = await this.#redis.hGet(this.key, name);
    return value && !Number.isNaN(Date.parse(value)) ? value : null;
  }

  async set(name: CursorName, value: string): Promise<void> {
    await this.#redis.hSet(this.key, name, value);
  }
}

/** `iso` moved back by `ms`, as ISO 8601 UTC. */
export const minus = (iso: string, ms: number): string => new Date(Date.parse(iso) - ms).toISOString();

/** The later of two ISO 8601 UTC times. */
export const later = (a: string, b: string): string => (Date.parse(a) >= Date.parse(b) ? a : b);
