/** The in-process fan-out: many subscribers on one blocking reader, resumable with `after`, over a real Redis. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { CanonicalEvent } from '../../../platform/events/canonical-event.js';
import { EventError } from '../../../platform/events/event-errors.js';
import { EventHub } from '../../../platform/events/event-hub.js';
import { EventLog } from '../../../platform/events/event-log.js';
import type { RedisClient } from '../../../platform/redis.js';
import { connect, deleteStream, logger, stockEvent, uniqueStream, waitFor } from './events-support.js';

let redis: RedisClient;
let stream: string;
let hub: EventHub | null = null;

beforeAll(async () => {
  redis = await connect();
});
afterEach(async () => {
  await hub?.close();
  hub = null;
  await deleteStream(redis, stream);
});
afterAll(() => redis.destroy());

/** Reads `iterator` in the background into `received`. */
function drain(iterator: AsyncIterableIterator<CanonicalEvent>) {
  const received: CanonicalEvent[] = [];
  const done = (async () => {
    for await (const event of iterator) received.push(event);
  })();
  return { received, done };
}

async function clientsNamed(name: string): Promise<number> {
  const list = await redis.clientList();
  return list.filter((client) => client.name === name).length;
}

describe('EventHub', () => {
  it('serves many subscribers from one Redis connection, each getting only what its filter keeps', async () => {
    stream = uniqueStream();
    const log = new EventLog({ redis, stream });
    hub = new EventHub({ log, redis, logger, blockMs: 100 });
    const even = drain(await hub.open({ filter: (e) => Number(e.data.available) % 2 === 0 }));
    const all = await Promise.all(
      Array.from({ length: 20 }, async () => drain(await hub!.open({ filter: () => true }))),
    );
    for (let n = 1; n <= 6; n += 1) await log.append(stockEvent(n), { dedupKey: `k${n}` });

    await waitFor(() => all.every((s) => s.received.length === 6) && even.received.length === 3);
    expect(even.received.map((e) => e.data.available)).toEqual([2, 4, 6]);
    expect(all[7]!.received.map((e) => e.data.available)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await clientsNamed(`dg-events-hub:${stream}`)).toBe(1);
  });

  it('routes by subject to indexed subscribers, and still applies their filter', async () => {
    stream = uniqueStream();
    const log = new EventLog({ redis, stream });
    hub = new EventHub({ log, redis, logger, blockMs: 100 });
    const sku3 = drain(await hub.open({ subjects: new Set(['SKU-3@WH1']), filter: () => true }));
    const sku3or4Big = drain(
      await hub.open({
        subjects: new Set(['SKU-3@WH1', 'SKU-4@WH1']),
        filter: (e) => Number(e.data.available) > 3,
      }),
    );
    const everything = drain(await hub.open({ filter: () => true }));
    for (let n = 1; n <= 5; n += 1) await log.append(stockEvent(n), { dedupKey: `k${n}` });

    await waitFor(() => everything.received.length === 5);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(sku3.received.map((e) => e.subject)).toEqual(['SKU-3@WH1']);
    expect(sku3or4Big.received.map((e) => e.subject)).toEqual(['SKU-4@WH1']);
  });

  it('replays after a cursor, then goes live, with no gap or duplicate at the seam', async () => {
    stream = uniqueStream();
    const log = new EventLog({ redis, stream });
    hub = new EventHub({ log, redis, logger, blockMs: 100, batchSize: 2 });
    const ids: string[] = [];
    for (let n = 1; n <= 5; n += 1) ids.push((await log.append(stockEvent(n), { dedupKey: `k${n}` })).id);
    // Another subscriber keeps the reader moving while the resumer replays (its queue fills meanwhile).
    drain(await hub.open({ filter: () => true }));

    const resumed = drain(await hub.open({ after: ids[1]!, filter: () => true }));
    for (let n = 6; n <= 8; n += 1) await log.append(stockEvent(n), { dedupKey: `k${n}` });

    await waitFor(() => resumed.received.length === 6);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(resumed.received.map((e) => e.data.available)).toEqual([3, 4, 5, 6, 7, 8]);
  });

  it('refuses an expired or malformed cursor when the subscription opens, not mid-stream', async () => {
    stream = uniqueStream();
    const log = new EventLog({ redis, stream, maxLength: 1 });
    hub = new EventHub({ log, redis, logger, blockMs: 100 });
    const first = await log.append(stockEvent(1), { dedupKey: 'k1' });
    // XTRIM's `~` trims whole nodes only; trim exactly so the first entry is certainly gone.
    await log.append(stockEvent(2), { dedupKey: 'k2' });
    await redis.xTrim(stream, 'MAXLEN', 1);

    await expect(hub.open({ after: '0-1', filter: () => true })).rejects.toMatchObject({
      code: 'EVENT_CURSOR_EXPIRED',
    });
    await expect(hub.open({ after: 'yesterday', filter: () => true })).rejects.toBeInstanceOf(EventError);
    expect(first.id).toMatch(/^\d+-\d+$/);
    expect(hub.size).toBe(0);
  });

  it('ends a subscriber that falls too far behind, so it can resume, and keeps serving the others', async () => {
    stream = uniqueStream();
    const log = new EventLog({ redis, stream });
    hub = new EventHub({ log, redis, logger, blockMs: 100, maxQueue: 3 });
    const slow = await hub.open({ filter: () => true });
    const fast = drain(await hub.open({ filter: () => true }));
    for (let n = 1; n <= 6; n += 1) await log.append(stockEvent(n), { dedupKey: `k${n}` });
    await waitFor(() => fast.received.length === 6);

    const got: unknown[] = [];
    await expect(
      (async () => {
        for await (const event of slow) got.push(event.data.available);
      })(),
    ).rejects.toMatchObject({ code: 'EVENT_SUBSCRIBER_LAGGING' });
    expect(got).toEqual([1, 2, 3]);
    expect(hub.size).toBe(1);
  });

  it('ends at once when the subscriber returns, even while waiting for events', async () => {
    stream = uniqueStream();
    const log = new EventLog({ redis, stream });
    hub = new EventHub({ log, redis, logger, blockMs: 5000 });
    const iterator = await hub.open({ filter: () => true });
    const pending = iterator.next();
    await iterator.return!();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    expect(hub.size).toBe(0);
  });

  it('reconnects after losing its connection and delivers what was appended meanwhile', async () => {
    stream = uniqueStream();
    const log = new EventLog({ redis, stream });
    hub = new EventHub({ log, redis, logger, blockMs: 100, reconnectMs: 50 });
    const sub = drain(await hub.open({ filter: () => true }));
    await log.append(stockEvent(1), { dedupKey: 'k1' });
    await waitFor(() => sub.received.length === 1);

    const list = await redis.clientList();
    for (const client of list.filter((c) => c.name === `dg-events-hub:${stream}`))
      await redis.sendCommand(['CLIENT', 'KILL', 'ID', String(client.id)]);
    await log.append(stockEvent(2), { dedupKey: 'k2' });
    await log.append(stockEvent(3), { dedupKey: 'k3' });

    await waitFor(() => sub.received.length === 3);
    expect(sub.received.map((e) => e.data.available)).toEqual([1, 2, 3]);
  });
});
