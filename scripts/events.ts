/**
 * `npm run events -- <command>`: inspect and replay the events that consumer groups gave up on, in the
 * dead-letter stream `<EVENT_STREAM>:dead` (REDIS_URL, required; EVENT_STREAM, default `dg:events`).
 * Exit 0 on success, 2 on a usage error or an unknown dead letter, 1 on a fault.
 *
 *   dead-letters [--count N]   each dead letter as JSON: its event, group, attempts, last error, when
 *   replay <dead letter id>    appends its event to the log again (once) for every group to handle
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { deadLetterCommandSchema, runDeadLetterCommand } from '../events/admin/dead-letter-commands.js';
import { EventError } from '../platform/events/event-errors.js';
import { createLogger } from '../platform/logger.js';
import { connectRedis } from '../platform/redis.js';

const USAGE = `usage: npm run events -- dead-letters [--count N]
       npm run events -- replay <dead letter id>
environment: REDIS_URL (required), EVENT_STREAM (default dg:events)`;

const envSchema = z.object({
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'required, e.g. redis://127.0.0.1:6379' }),
  EVENT_STREAM: z.string().min(1).default('dg:events'),
});

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  strict: false,
  options: { count: { type: 'string' } },
});
const command = deadLetterCommandSchema.safeParse({ command: positionals[0], id: positionals[1], ...values });
const env = envSchema.safeParse(process.env);
if (!command.success || !env.success) {
  const issues = [...(command.error?.issues ?? []), ...(env.error?.issues ?? [])];
  process.stderr.write(
    `${issues.map((i) => `${i.path.join('.') || 'command'}: ${i.message}`).join('\n')}\n${USAGE}\n`,
  );
  process.exit(2);
}
const logger = createLogger({ name: 'events-cli', level: 'warn' });
const redis = await connectRedis({ url: env.data.REDIS_URL, logger });
try {
  const answer = await runDeadLetterCommand(command.data, { redis, stream: env.data.EVENT_STREAM });
  process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = error instanceof EventError && error.code === 'DEAD_LETTER_NOT_FOUND' ? 2 : 1;
} finally {
  redis.destroy();
}
