import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readStreamPage } from '../../../platform/events/stream-page.js';
import type { RedisClient } from '../../../platform/redis.js';
import { connect, deleteStream, uniqueStream } from './events-support.js';

describe('readStreamPage', () => {
  let redis: RedisClient;
  const key = uniqueStream();
  const ids: string[] = [];

  beforeAll(async () => {
    redis = await connect();
    for (let n = 0; n < 5; n++) ids.push(await redis.xAdd(key, '*', { n: String(n) }));
  });
  afterAll(async () => {
    await deleteStream(redis, key);
    redis.destroy();
  });

  const numbers = (page: { items: { fields: Record<string, string> }[] }) =>
    page.items.map((item) => item.fields.n);

  it('pages oldest first, saying whether entries follow and precede each page', async () => {
    const first = await readStreamPage(redis, key, 2, null);
    expect(first).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(numbers(first)).toEqual(['0', '1']);
    const middle = await readStreamPage(redis, key, 2, ids[1]!);
    expect(middle).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(numbers(middle)).toEqual(['2', '3']);
    const last = await readStreamPage(redis, key, 2, ids[3]!);
    expect(last).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(numbers(last)).toEqual(['4']);
  });

  it('says nothing precedes a cursor once the entries before it are gone', async () => {
    await redis.xDel(key, [ids[0]!, ids[1]!]);
    const page = await readStreamPage(redis, key, 2, ids[1]!);
    expect(page).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(numbers(page)).toEqual(['2', '3']);
  });
});
