/** Workers reading the event log through a consumer group, over a real Redis. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { EventConsumer, type EventHandler } from '../../../platform/events/event-consumer.js';
import { EventLog } from '../../../platform/events/event-log.js';
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
let log: EventLog;
const group = 'workers';

beforeAll(async () => {
  redis = await connect();
});
afterEach(() => deleteStream(redis, log.stream));
afterAll(() => redis.destroy());

function consumer(name: string, options: { claimIdleMs?: number; maxAttempts?: number } = {}) {
  return new EventConsumer({ redis, log, group, consumer: name, startFrom: '0', blockMs: 50, ...options });
}

/** Runs `handler` on a consumer until stopped. */
function start(worker: EventConsumer, handler: EventHandler) {
  const controller = new AbortController();
  const done = worker.run(handler, { signal: controller.signal });
  const handle = {
    stop: async () => {
      controller.abort();
      await done;
    },
  };
  running.push(handle);
  return handle;
}

/** Stops every worker a test started, even one whose test failed. */
const running: { stop: () => Promise<void> }[] = [];
afterEach(async () => {
  for (const worker of running.splice(0)) await worker.stop();
});

const pendingCount = async () => (await redis.xPending(log.stream, group)).pending;

describe('EventConsumer', () => {
  it('hands each event to the handler once and acks it', async () => {
    log = new EventLog({ redis, stream: uniqueStream() });
    for (const n of [1, 2, 3]) await log.append(stockEvent(n), { dedupKey: `k${n}` });
    const seen: [unknown, number][] = [];
    const worker = consumer('c1');
    const job = start(worker, (event, { attempt }) => {
      seen.push([event.data.available, attempt]);
    });
    await waitFor(() => seen.length === 3);
    await job.stop();
    expect(seen).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
    expect(await pendingCount()).toBe(0);
    expect(await hasClientNamed(redis, `dg-events-consumer:${log.stream}:${group}:c1`)).toBe(false);
  });

  it('retries an event whose handler failed, after claimIdleMs', async () => {
    log = new EventLog({ redis, stream: uniqueStream() });
    await log.append(stockEvent(1), { dedupKey: 'k1' });
    const attempts: number[] = [];
    const job = start(consumer('c1', { claimIdleMs: 100 }), (_event, { attempt }) => {
      attempts.push(attempt);
      if (attempt === 1) throw new Error('partner endpoint answered 503');
    });
    await waitFor(() => attempts.length === 2);
    await waitFor(async () => (await pendingCount()) === 0);
    await job.stop();
    expect(attempts).toEqual([1, 2]);
    expect(await redis.exists(`${log.stream}:errors:${group}`)).toBe(0);
    expect(await redis.xLen(`${log.stream}:dead`)).toBe(0);
  });

  it("reclaims a crashed consumer's pending events on another consumer", async () => {
    log = new EventLog({ redis, stream: uniqueStream() });
    await consumer('crashed').ensureGroup();
    const { id } = await log.append(stockEvent(1), { dedupKey: 'k1' });
    // The crashed consumer read the event and died before acking it.
    await redis.xReadGroup(group, 'crashed', { key: log.stream, id: '>' });
    expect(await pendingCount()).toBe(1);

    const handled: [string, number][] = [];
    const job = start(consumer('survivor', { claimIdleMs: 100 }), (event, { attempt }) => {
      handled.push([event.id, attempt]);
    });
    await waitFor(() => handled.length === 1);
    await waitFor(async () => (await pendingCount()) === 0);
    await job.stop();
    expect(handled).toEqual([[id, 2]]);
  });

  it('dead-letters a poison event after maxAttempts, lists it, and replays it once', async () => {
    log = new EventLog({ redis, stream: uniqueStream() });
    const original = await log.append(stockEvent(13), { dedupKey: 'poison' });
    await log.append(stockEvent(14), { dedupKey: 'fine' });
    const attempts: number[] = [];
    const fine: unknown[] = [];
    const worker = consumer('c1', { claimIdleMs: 30, maxAttempts: 3 });
    const job = start(worker, (event, { attempt }) => {
      if (event.data.available !== 13) return void fine.push(event.data.available);
      attempts.push(attempt);
      throw new Error(`cannot map SKU-13 (attempt ${attempt})`);
    });
    await waitFor(async () => (await worker.deadLetters()).length === 1);
    await job.stop();

    expect(attempts).toEqual([1, 2, 3]);
    expect(fine).toEqual([14]);
    expect(await pendingCount()).toBe(0);
    const [dead] = await worker.deadLetters();
    expect(dead).toEqual({
      id: expect.stringMatching(/^\d+-\d+$/),
      event: { id: original.id, ...stockEvent(13) },
      originalId: original.id,
      group,
      consumer: 'c1',
      attempts: 3,
      error: 'cannot map SKU-13 (attempt 3)',
      deadAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });

    const replays = await Promise.all([worker.replayDeadLetter(dead!.id), worker.replayDeadLetter(dead!.id)]);
    expect(replays[1]).toEqual({ id: replays[0].id, duplicate: true });
    expect(await worker.deadLetters()).toEqual([]);
    await expect(worker.replayDeadLetter(dead!.id)).rejects.toMatchObject({ code: 'DEAD_LETTER_NOT_FOUND' });
    const tail = await log.readAfter(original.id);
    expect(tail.map((e) => e.data.available)).toEqual([14, 13]);
    expect(tail[1]).toEqual({ id: replays[0].id, replayOf: original.id, ...stockEvent(13) });
  });
});
