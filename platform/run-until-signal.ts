import type { Logger } from './logger.js';

/**
 * Runs a process's parts until SIGINT or SIGTERM, then stops them once and exits 0. `start` returns the
 * function that stops what it started. A failure to start is logged and exits 2: a bad configuration
 * must stop the process before anything half-works.
 */
export async function runUntilSignal(
  logger: Logger,
  start: () => Promise<() => Promise<void>>,
): Promise<void> {
  let stopParts: () => Promise<void>;
  try {
    stopParts = await start();
  } catch (error) {
    logger.fatal({ err: error }, error instanceof Error ? error.message : 'start-up failed');
    process.exit(2);
  }
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await stopParts();
    process.exit(0);
  };
  process.once('SIGINT', (signal) => void stop(signal));
  process.once('SIGTERM', (signal) => void stop(signal));
}
