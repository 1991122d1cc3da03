import { z } from 'zod';
import { DeadLetters, type DeadLetter } from '../../platform/events/dead-letters.js';
import { EventLog } from '../../platform/events/event-log.js';
import { streamIdSchema } from '../../platform/events/canonical-event.js';
import type { RedisClient } from '../../platform/redis.js';

/** What `npm run events -- …` can do with the dead-letter stream `<stream>:dead`. */
export const deadLetterCommandSchema = z.discriminatedUnion('command', [
  z.object({
    command: z.literal('dead-letters'),
    /** Oldest first, at most this many. */
    count: z.coerce.number().int().min(1).max(10_000).default(100),
  }),
  z.object({ command: z.literal('replay'), id: streamIdSchema }),
]);

export type DeadLetterCommand = z.output<typeof deadLetterCommandSchema>;

export type DeadLetterAnswer =
  | { command: 'dead-letters'; deadLetters: DeadLetter[] }
  | { command: 'replay'; replayed: { from: string; id: string; duplicate: boolean } };

/**
 * Lists dead letters, or appends one's event to the log again (as a new entry marked `replayOf`, once:
 * a second replay of the same dead letter answers DEAD_LETTER_NOT_FOUND). Every consumer group then sees
 * it as a new event; handlers are idempotent by the event's content, so a group that had handled it
 * does nothing twice.
 */
export async function runDeadLetterCommand(
  command: DeadLetterCommand,
  options: { redis: RedisClient; stream: string },
): Promise<DeadLetterAnswer> {
  const deadLetters = new DeadLetters(
    options.redis,
    new EventLog({ redis: options.redis, stream: options.stream }),
    100_000,
  );
  if (command.command === 'dead-letters')
    return { command: 'dead-letters', deadLetters: await deadLetters.list(command.count) };
  const replayed = await deadLetters.replay(command.id);
  return { command: 'replay', replayed: { from: command.id, ...replayed } };
}
