import type { RedisClient } from '../redis.js';

/** A page of a Redis stream, oldest first: its entries and whether others follow and precede it. */
export interface StreamPage<T> {
  items: T[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/**
 * Reads `first` entries of `key` after entry id `after` (exclusive), oldest first: one more to know
 * whether more follow, and, after a cursor, the last one before it to know whether any precede (an
 * entry deleted since, e.g. a replayed dead letter, no longer counts).
 */
export async function readStreamPage(
  redis: RedisClient,
  key: string,
  first: number,
  after: string | null,
): Promise<StreamPage<{ id: string; fields: Record<string, string> }>> {
  const [entries, before] = await Promise.all([
    redis.xRange(key, after ? `(${after}` : '-', '+', { COUNT: first + 1 }),
    after ? redis.xRevRange(key, `(${after}`, '-', { COUNT: 1 }) : Promise.resolve([]),
  ]);
  const items = entries.slice(0, first).map(({ id, message }) => ({
    id,
    fields: message,
  }));
  return { items, hasNextPage: entries.length > first, hasPreviousPage: before.length > 0 };
}
