import type { Logger } from './logger.js';

/**
 * Runs a process's parts until SIGINT or SIGTERM, then stops them once and exits 0. `start` returns the
 * function that stops what it started. A failure to start is logged and exits 2: a bad configuration
 * must stop the process before anything half-works.
 */
const STOP_TIMEOUT_MS = 15_000;

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
    // A part that never finishes stopping must not keep the process alive forever.
    const fuse = setTimeout(() => {
      logger.error({ afterMs: STOP_TIMEOUT_MS }, 'shutdown did not finish in time; exiting');
      process.exit(1);
    }, STOP_TIMEOUT_MS);
    fuse.unref();
    await stopParts();
    logger.info('stopped');
    process.exit(0);
  };
  // `on`, not `once`: a library that re-raises the signal after its own clean-up (Hive's runtime does)
  // must not kill the process by the default action while our parts are still stopping.
  process.on('SIGINT', (signal) => void stop(signal));
  process.on('SIGTERM', (signal) => void stop(signal));
}
