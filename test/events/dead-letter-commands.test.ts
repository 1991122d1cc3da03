/** `npm run events -- dead-letters | replay`: a poison event is inspected, replayed once, and handled. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { deadLetterCommandSchema, runDeadLetterCommand } from '../../events/admin/dead-letter-commands.js';
import { EventConsumer } from '../../platform/events/event-consumer.js';
import { EventLog } from '../../platform/events/event-log.js';
import type { RedisClient } from '../../platform/redis.js';
import {
  connect,
  deleteStream,
  stockEvent,
  uniqueStream,
  waitFor,
} from '../platform/events/events-support.js';

let redis: RedisClient;
const stream = uniqueStream();

beforeAll(async () => {
  redis = await connect();
});
afterAll(async () => {
  await deleteStream(redis, stream);
  redis.destroy();
});

describe('dead-letter commands', () => {
  it('lists a dead-lettered event with its group and error, and replays it once for the group to handle', async () => {
    const log = new EventLog({ redis, stream });
    const poison = await log.append(stockEvent(7), { dedupKey: 'poison' });
    let healthy = false;
    const handled: { available: unknown; replayOf: string | undefined }[] = [];
    const consumer = new EventConsumer({
      redis,
      log,
      group: 'cache-invalidation',
      consumer: 'c1',
      startFrom: '0',
      blockMs: 50,
      claimIdleMs: 50,
      maxAttempts: 2,
    });
    const stop = new AbortController();
    const running = consumer.run(
      (event) => {
        if (!healthy) throw new Error('downstream refused the event');
        handled.push({ available: event.data.available, replayOf: event.replayOf });
      },
      { signal: stop.signal },
    );
    try {
      const context = { redis, stream };
      const list = deadLetterCommandSchema.parse({ command: 'dead-letters' });
      const deadLetters = async () => {
        const answer = await runDeadLetterCommand(list, context);
        return answer.command === 'dead-letters' ? answer.deadLetters : [];
      };
      await waitFor(async () => (await deadLetters()).length === 1, 5000);
      const listed = await deadLetters();
      const [dead] = listed;
      expect(listed).toMatchObject([
        {
          originalId: poison.id,
          group: 'cache-invalidation',
          attempts: 2,
          error: expect.stringContaining('downstream refused the event'),
          event: { type: 'stock.changed', data: { available: 7 } },
        },
      ]);

      healthy = true;
      const replay = deadLetterCommandSchema.parse({ command: 'replay', id: dead!.id });
      const replayed = await runDeadLetterCommand(replay, context);
      expect(replayed).toMatchObject({ command: 'replay', replayed: { from: dead!.id, duplicate: false } });
      await waitFor(() => handled.length === 1);
      expect(handled).toEqual([{ available: 7, replayOf: poison.id }]);
      await expect(runDeadLetterCommand(replay, context)).rejects.toMatchObject({
        code: 'DEAD_LETTER_NOT_FOUND',
      });
    } finally {
      stop.abort();
      await running;
    }
  });

  it('refuses a malformed command before touching Redis', () => {
    expect(deadLetterCommandSchema.safeParse({ command: 'replay', id: 'yesterday' }).success).toBe(false);
    expect(deadLetterCommandSchema.safeParse({ command: 'purge' }).success).toBe(false);
    expect(deadLetterCommandSchema.safeParse({ command: 'dead-letters', count: '0' }).success).toBe(false);
  });
});
