import type { Logger } from '../platform/logger.js';
import type { OrchestrationStore } from '../platform/orchestration/orchestration-store.js';
import type { OrchestrationQueue } from '../platform/orchestration/orchestration-queue.js';
import { queueCurrent } from '../platform/orchestration/orchestration-starter.js';

export interface SweeperOptions {
  store: OrchestrationStore;
  queue: OrchestrationQueue;
  everyMs: number;
  /** Orders saved more recently than this are moving; they are left alone. */
  idleMs: number;
  logger: Logger;
}

/**
 * The safety net under the hand-overs: every `everyMs`, each active order that has not been saved for
 * `idleMs` gets its current step (or compensation) queued again, unless its job is still pending.
 * This covers a crash between saving a transition and queuing the next job, and a job BullMQ gave up
 * on (stalled too often). Queuing is idempotent per order and step, so overlapping sweeps are harmless.
 */
export function startSweeper(options: SweeperOptions): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const sweep = async () => {
    const numbers = await options.store.idleActive(options.idleMs, Date.now());
    const states = await options.store.getMany(numbers);
    for (const state of states) if (state) await queueCurrent(options.queue, state);
  };
  const timer = setInterval(() => {
    running = sweep().catch((error: unknown) =>
      options.logger.warn({ err: error }, 'orchestration sweep failed'),
    );
  }, options.everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
