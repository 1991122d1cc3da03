import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** The HTTP header that carries the correlation id between our processes. */
export const CORRELATION_HEADER = 'x-correlation-id';

const storage = new AsyncLocalStorage<string>();

/** Runs `fn` with `correlationId` as the current correlation id for everything it awaits. */
export function withCorrelationId<T>(correlationId: string, fn: () => T): T {
  return storage.run(correlationId, fn);
}

/** The correlation id of the work in progress, if any. */
export function currentCorrelationId(): string | undefined {
  return storage.getStore();
}

/** A new correlation id, for work that starts here rather than arriving with one. */
export function newCorrelationId(): string {
  return randomUUID();
}
