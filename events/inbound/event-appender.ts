import type { EventLog } from '../../platform/events/index.js';

/**
 * Where a verified change becomes durable: the part of {@link EventLog} producers need (append once per
 * de-duplication key; throws EventError EVENT_INVALID or EVENT_APPEND_FAILED). A narrow interface so that
 * the receiver and the reconciler can be handed the real log or a wrapper around it.
 */
export type EventAppender = Pick<EventLog, 'append'>;

/** What one producer step appended: new entries and ones recognised as already recorded. */
export interface AppendCount {
  appended: number;
  duplicates: number;
}

export const noAppends = (): AppendCount => ({ appended: 0, duplicates: 0 });

/** Adds the result of one append to `count`. */
export function countAppend(count: AppendCount, result: { duplicate: boolean }): void {
  if (result.duplicate) count.duplicates += 1;
  else count.appended += 1;
}
