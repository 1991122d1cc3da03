/** The event log over a real Redis (REDIS_URL), each test on a stream of its own, deleted afterwards. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { EventLog } from '../../../platform/events/event-log.js';
import { eventErrorCatalogue } from '../../../platform/events/event-errors.js';
import { eventTypes } from '../../../platform/events/canonical-event.js';
import type { RedisClient } from '../../../platform/redis.js';
import { connect, deleteStream, stockEvent, uniqueStream } from './events-support.js';

let redis: RedisClient;
const streams: string[] = [];

function newLog(options: { retentionMs?: number; batchSize?: number } = {}): EventLog {
  const stream = uniqueStream();
  streams.push(stream);
  return new EventLog({ redis, stream, ...options });
}

beforeAll(async () => {
  redis = await connect();
});
afterEach(async () => {
  for (const stream of streams.splice(0)) await deleteStream(redis, stream);
});
afterAll(() => redis.destroy());

describe('EventLog.append', () => {
  it('appends once per dedup key and answers the first id to the second append', async () => {
    const log = newLog();
    const first = await log.append(stockEvent(1), { dedupKey: 'wms:msg-1' });
    const second = await log.append(stockEvent(1), { dedupKey: 'wms:msg-1' });
    expect(first).toEqual({ id: expect.stringMatching(/^\d+-\d+$/), duplicate: false });
    expect(second).toEqual({ id: first.id, duplicate: true });
    expect(await redis.xLen(log.stream)).toBe(1);
    expect(await redis.get(`${log.stream}:seen:wms:msg-1`)).toBe(first.id);
    const ttl = await redis.pTTL(`${log.stream}:seen:wms:msg-1`);
    expect(ttl).toBeGreaterThan(7 * 24 * 3600 * 1000 - 60_000);
  });

  it('appends exactly one entry for 50 concurrent appends with the same key', async () => {
    const log = newLog();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => log.append(stockEvent(7), { dedupKey: 'carrier:evt-7' })),
    );
    expect(await redis.xLen(log.stream)).toBe(1);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
  });

  it('stores the event as fields and reads it back whole, times in UTC', async () => {
    const log = newLog();
    const { id } = await log.append(
      {
        type: 'order.status_changed',
        source: 'odoo',
        subject: 'S00042',
        time: '2026-01-02T04:04:05+01:00',
        tenantPartnerId: 7,
        data: { status: 'CONFIRMED', lines: [{ sku: 'A', quantity: '2' }] },
      },
      { dedupKey: 'odoo:1' },
    );
    expect(await log.readAfter('0')).toEqual([
      {
        id,
        type: 'order.status_changed',
        source: 'odoo',
        subject: 'S00042',
        time: '2026-01-02T03:04:05.000Z',
        tenantPartnerId: 7,
        data: { status: 'CONFIRMED', lines: [{ sku: 'A', quantity: '2' }] },
      },
    ]);
    const [entry] = await redis.xRange(log.stream, '-', '+');
    expect(entry?.message).toEqual({
      type: 'order.status_changed',
      source: 'odoo',
      subject: 'S00042',
      time: '2026-01-02T03:04:05.000Z',
      tenant: '7',
      data: JSON.stringify({ status: 'CONFIRMED', lines: [{ sku: 'A', quantity: '2' }] }),
    });
  });

  it.each([
    ['an unknown type', { type: 'order.exploded' }],
    ['an unknown source', { source: 'fax' }],
    ['an empty subject', { subject: '' }],
    ['a time that is not ISO 8601', { time: 'yesterday' }],
    ['a fractional tenant', { tenantPartnerId: 1.5 }],
    ['data that is not an object', { data: [1, 2] }],
    ['data that is not JSON', { data: { when: new Date() } }],
    ['an unknown field', { extra: true }],
  ])('refuses %s and appends nothing', async (_case, change) => {
    const log = newLog();
    const invalid = { ...stockEvent(1), ...change } as never;
    await expect(log.append(invalid, { dedupKey: 'k' })).rejects.toMatchObject({
      name: 'EventError',
      code: 'EVENT_INVALID',
      stream: log.stream,
    });
    expect(await redis.exists([log.stream, `${log.stream}:seen:k`])).toBe(0);
  });

  it('rejects when Redis fails, so a webhook is never acknowledged without being recorded', async () => {
    const broken = await connect();
    broken.destroy();
    const log = new EventLog({ redis: broken, stream: uniqueStream() });
    await expect(log.append(stockEvent(1), { dedupKey: 'k' })).rejects.toMatchObject({
      code: 'EVENT_APPEND_FAILED',
      cause: expect.any(Error),
    });
  });
});

describe('EventLog reads', () => {
  it('reads after a cursor, exclusive, oldest first, by count and filter', async () => {
    const log = newLog();
    const ids: string[] = [];
    for (let n = 1; n <= 5; n += 1) ids.push((await log.append(stockEvent(n), { dedupKey: `k${n}` })).id);
    expect((await log.readAfter('0')).map((e) => e.id)).toEqual(ids);
    expect((await log.readAfter(ids[1]!)).map((e) => e.id)).toEqual(ids.slice(2));
    expect((await log.readAfter(ids[0]!, { count: 2 })).map((e) => e.id)).toEqual(ids.slice(1, 3));
    const odd = await log.readAfter('0', { filter: (e) => Number(e.data.available) % 2 === 1 });
    expect(odd.map((e) => e.subject)).toEqual(['SKU-1@WH1', 'SKU-3@WH1', 'SKU-5@WH1']);
    expect(await log.readAfter(ids[4]!)).toEqual([]);
    expect(await log.latestId()).toBe(ids[4]);
    expect((await log.readRange(ids[1]!, ids[3]!)).map((e) => e.id)).toEqual(ids.slice(1, 4));
    expect((await log.readRange(new Date(0), new Date(Date.now() + 60_000))).length).toBe(5);
  });

  it('answers 0-0 as the latest id of an empty log, and refuses a cursor that is not an id', async () => {
    const log = newLog();
    expect(await log.latestId()).toBe('0-0');
    expect(await log.readAfter('0-0')).toEqual([]);
    await expect(log.readAfter('yesterday')).rejects.toMatchObject({ code: 'EVENT_CURSOR_INVALID' });
  });

  it('trims entries older than the retention, and says a cursor before them has expired', async () => {
    const log = newLog({ retentionMs: 50, batchSize: 1000 });
    const old = await Promise.all(
      Array.from({ length: 250 }, (_, n) => log.append(stockEvent(n), { dedupKey: `old-${n}` })),
    );
    const firstId = old.map((r) => r.id).sort()[0]!;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const fresh = await log.append(stockEvent(999), { dedupKey: 'fresh' });
    const kept = await log.readAfter('0');
    expect(kept.length).toBeLessThan(251);
    expect(kept.at(-1)?.id).toBe(fresh.id);
    await expect(log.readAfter(firstId)).rejects.toMatchObject({ code: 'EVENT_CURSOR_EXPIRED' });
    const subscription = log.subscribe({ after: firstId, signal: new AbortController().signal });
    await expect(subscription.next()).rejects.toMatchObject({ code: 'EVENT_CURSOR_EXPIRED' });
    expect(await log.readAfter(await log.latestId())).toEqual([]);
  });

  it('keeps an untrimmed log readable from any cursor, however old', async () => {
    const log = newLog();
    await log.append(stockEvent(1), { dedupKey: 'a' });
    await expect(log.readAfter('1-0')).resolves.toHaveLength(1);
  });
});

describe('the catalogues', () => {
  it('documents every event type and every error code', () => {
    for (const text of [...Object.values(eventTypes), ...Object.values(eventErrorCatalogue)])
      expect(text.length).toBeGreaterThan(20);
    expect(Object.keys(eventErrorCatalogue).every((code) => /^[A-Z_]+$/.test(code))).toBe(true);
  });
});
