import type { EventLog } from '../../platform/events/index.js';

/**
 * Where a verified change becomes durable: the part of {@link EventLog} producers need (append once per
 * de-duplication key; throws EventError EVENT_INVALID or EVENT_APPEND_FAILED). A narrow interface so that
 * the receiver and the reconciler can be handed the real log or a wrapper around it.
 */
export type EventAppender = Pick<EventLog, 'append'>;
