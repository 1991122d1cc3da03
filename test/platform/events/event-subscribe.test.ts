/** Following the event log: replay of what was missed, then live events, over a real Redis. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { EventLog } from '../../../platform/events/event-log.js';
import type { CanonicalEvent } from '../../../platform/events/canonical-event.js';
import type { RedisClient } from '../../../platform/redis.js';
import {
  connect,
  deleteStream,
  hasClientNamed,
  stockEvent,
  uniqueStream,
  waitFor,
} from './events-support.js';

let redis: RedisClient;
let stream: string;

beforeAll(async () => {
  redis = await connect();
});
afterEach(() => deleteStream(redis, stream));
afterAll(() => redis.destroy());

/** Consumes `log.subscribe` in the background into `received`, calling `onEvent` after each. */
function follow(log: EventLog, after: string, onEvent: (received: CanonicalEvent[]) => Promise<void>) {
  const controller = new AbortController();
  const received: CanonicalEvent[] = [];
  const done = (async () => {
    for await (const event of log.subscribe({ after, signal: controller.signal })) {
      received.push(event);
      await onEvent(received);
    }
  })();
  return { controller, received, done };
}

describe('EventLog.subscribe', () => {
  it('replays what was missed, then delivers live events, with no gap or duplicate at the seam', async () => {
    stream = uniqueStream();
    const log = new EventLog({ redis, stream, batchSize: 2, blockMs: 200 });
    const ids: string[] = [];
    const add = async (n: number) => ids.push((await log.append(stockEvent(n), { dedupKey: `k${n}` })).id);
    for (let n = 1; n <= 5; n += 1) await add(n);

    const { controller, received, done } = follow(log, ids[0]!, async (got) => {
      if (got.length === 1) await add(6); // appended while the replay is still paging
      if (got.length === 5) await add(7); // appended after the last page was read, before the live read
    });
    try {
      await waitFor(() => received.length === 6);
      await waitFor(() => hasClientNamed(redis, `dg-events-subscribe:${stream}`));
      await add(8);
      await waitFor(() => received.length === 7, 1000);
    } finally {
      controller.abort();
      await done;
    }
    expect(received.map((e) => e.id)).toEqual(ids.slice(1));
    expect(received.map((e) => e.data.available)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(await hasClientNamed(redis, `dg-events-subscribe:${stream}`)).toBe(false);
  });

  it('follows from now with $, applies the filter, and stops at once when aborted while blocked', async () => {
    stream = uniqueStream();
    const log = new EventLog({ redis, stream, blockMs: 10_000 });
    await log.append(stockEvent(1), { dedupKey: 'before' });
    const controller = new AbortController();
    const received: CanonicalEvent[] = [];
    const done = (async () => {
      const events = log.subscribe({
        after: '$',
        signal: controller.signal,
        filter: (e) => e.subject !== 'SKU-3@WH1',
      });
      for await (const event of events) received.push(event);
    })();
    let stoppedAt: number;
    try {
      await waitFor(() => hasClientNamed(redis, `dg-events-subscribe:${stream}`));
      for (const n of [2, 3, 4]) await log.append(stockEvent(n), { dedupKey: `k${n}` });
      await waitFor(() => received.length === 2);
    } finally {
      stoppedAt = Date.now();
      controller.abort();
      await done;
    }
    expect(Date.now() - stoppedAt).toBeLessThan(1000);
    expect(received.map((e) => e.subject)).toEqual(['SKU-2@WH1', 'SKU-4@WH1']);
    expect(await hasClientNamed(redis, `dg-events-subscribe:${stream}`)).toBe(false);
  });
});
