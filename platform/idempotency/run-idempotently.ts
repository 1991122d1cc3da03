import { graphError } from '../graphql/graph-error.js';
import type { Logger } from '../logger.js';
import type { IdempotencySlot, IdempotencyStore } from './idempotency-store.js';
import { keepAlive } from './keep-alive.js';

export interface RunIdempotentlyOptions<T> {
  store: IdempotencyStore;
  slot: IdempotencySlot;
  /** The request's fingerprint (see canonical-fingerprint.ts). */
  fingerprint: string;
  /** How long a request waits for an earlier one with its key to finish, then IDEMPOTENCY_KEY_IN_USE. */
  waitMs: number;
  logger: Logger;
  /** The work; its value is the outcome kept and replayed (JSON). What it throws is not kept. */
  run(): Promise<T>;
}

export interface IdempotentResult<T> {
  outcome: T;
  /** True when the outcome is that of an earlier request with this key. */
  replayed: boolean;
}

const POLL_MS = 50;

/**
 * Runs `run` once per key and fingerprint: the first request runs it under a renewed lease and keeps its
 * outcome; later ones with the same fingerprint get that outcome back (`replayed`), waiting up to
 * `waitMs` while it is still running; another fingerprint is refused. A thrown error releases the key, so
 * a retry runs again (the work must itself be safe to repeat: see the Odoo capture's lookup).
 */
export async function runIdempotently<T>(options: RunIdempotentlyOptions<T>): Promise<IdempotentResult<T>> {
  const { store, slot, fingerprint, logger } = options;
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    let begun;
    try {
      begun = await store.begin(slot, fingerprint);
    } catch (error) {
      throw graphError('IDEMPOTENCY_UNAVAILABLE', undefined, { cause: error });
    }
    if (begun.state === 'mismatch') throw graphError('IDEMPOTENCY_KEY_REUSED');
    if (begun.state === 'done') return { outcome: begun.outcome as T, replayed: true };
    if (begun.state === 'started') return runHolding(options, begun.token, logger);
    if (Date.now() >= deadline) throw graphError('IDEMPOTENCY_KEY_IN_USE');
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function runHolding<T>(
  options: RunIdempotentlyOptions<T>,
  token: string,
  logger: Logger,
): Promise<IdempotentResult<T>> {
  const { store, slot, fingerprint } = options;
  const stop = keepAlive(
    () => store.renew(slot, token),
    Math.max(200, Math.floor(store.leaseMs / 3)),
    (error) => logger.warn({ err: error, operation: slot.operation }, 'idempotency lease lost while running'),
  );
  let outcome: T;
  try {
    outcome = await options.run();
  } catch (error) {
    stop();
    await store.release(slot, token).catch((releaseError: unknown) => {
      logger.warn({ err: releaseError }, 'could not release an idempotency key; it expires with its lease');
    });
    throw error;
  }
  stop();
  try {
    if (!(await store.complete(slot, token, fingerprint, outcome)))
      logger.warn({ operation: slot.operation }, 'idempotency key taken over meanwhile; outcome not kept');
  } catch (error) {
    // The work is done: answer it. A retry re-runs, which the work must make harmless.
    logger.warn({ err: error, operation: slot.operation }, 'could not keep an idempotent outcome');
  }
  return { outcome, replayed: false };
}
