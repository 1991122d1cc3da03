/** Every code an {@link EventError} carries, with its meaning. A test keeps them unique and documented. */
export const eventErrorCatalogue = {
  EVENT_INVALID: 'The event does not match the canonical schema; nothing was appended.',
  EVENT_APPEND_FAILED: 'Redis did not record the event (unreachable, read-only, out of memory); retry later.',
  EVENT_MALFORMED: 'A stored entry does not match the canonical schema (written by something else).',
  EVENT_CURSOR_INVALID: 'The cursor is neither a stream entry id (`<ms>-<seq>`), `0` nor `$`.',
  EVENT_CURSOR_EXPIRED:
    'Events after the cursor may have been trimmed by retention; resynchronise from the source of truth and resume from `latestId()`.',
  EVENT_SUBSCRIBER_LAGGING:
    'More matching events waited for a subscriber than it may hold; resume with `after` set to the last event id received.',
  EVENT_HUB_CLOSED: 'The process is shutting down and takes no new subscriptions.',
  DEAD_LETTER_NOT_FOUND: 'No dead letter has this id (already replayed, or never dead-lettered).',
} as const satisfies Record<string, string>;

export type EventErrorCode = keyof typeof eventErrorCatalogue;

/** A failure of the event layer, with a stable code, the stream it happened on and the original cause. */
export class EventError extends Error {
  override readonly name = 'EventError';
  readonly code: EventErrorCode;
  readonly stream: string;

  constructor(code: EventErrorCode, stream: string, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.code = code;
    this.stream = stream;
  }
}
