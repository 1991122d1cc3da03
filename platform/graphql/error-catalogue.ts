/**
 * Every error code a client of the graph can see in `errors[].extensions.code`, with its meaning and
 * HTTP status. Business failures of mutations are not here: they are part of the mutation's result type.
 * A test keeps the codes unique and documented.
 */
export const errorCatalogue = {
  UNAUTHENTICATED: {
    httpStatus: 401,
    message: 'Authentication required.',
    description: 'No valid API key or token was presented.',
  },
  FORBIDDEN: {
    httpStatus: 403,
    message: 'Not allowed.',
    description: 'The caller is known but may not see or do this.',
  },
  BAD_USER_INPUT: {
    httpStatus: 400,
    message: 'Invalid argument.',
    description: 'An argument failed validation; `extensions.issues` lists each problem.',
  },
  REQUEST_REFUSED: {
    httpStatus: 400,
    message: 'The request was refused before it was read.',
    description:
      'Transport checks: 411 without Content-Length, 413 over the body limit, 415 for a non-JSON POST without a preflight header (CSRF).',
  },
  LIMIT_EXCEEDED: {
    httpStatus: 400,
    message: 'The operation is too large.',
    description:
      'Depth, aliases, directives, tokens, cost or root fields over the limit; the message names the limit.',
  },
  RATE_LIMITED: {
    httpStatus: 429,
    message: 'Too many requests; retry later.',
    description:
      'The caller spent its budget of cost units, or a client sent too many wrong credentials; `Retry-After` says when to retry.',
  },
  PERSISTED_DOCUMENT_NOT_FOUND: {
    httpStatus: 400,
    message: 'Unknown persisted document.',
    description: 'The `documentId` (or APQ `sha256Hash`) is not in the persisted-documents manifest.',
  },
  PERSISTED_DOCUMENT_REQUIRED: {
    httpStatus: 403,
    message: 'This credential may only run persisted documents.',
    description: 'The principal is restricted to persisted documents and sent an ad-hoc query.',
  },
  NOT_FOUND: {
    httpStatus: 404,
    message: 'Not found.',
    description: 'The object asked for by key does not exist or is not visible to the caller.',
  },
  UPSTREAM_UNAVAILABLE: {
    httpStatus: 503,
    message: 'A connected system is unavailable; try again later.',
    description:
      'Odoo, the WMS or the carrier timed out, refused the connection or is behind an open circuit breaker.',
  },
  UPSTREAM_ERROR: {
    httpStatus: 502,
    message: 'A connected system refused the request.',
    description: 'Odoo, the WMS or the carrier answered with an error that retrying will not fix.',
  },
  EVENT_CURSOR_EXPIRED: {
    httpStatus: 410,
    message: 'Events after this cursor are no longer kept.',
    description:
      'A subscription asked to resume `after` an event older than the retention; read the current state, then subscribe without `after`.',
  },
  SUBSCRIPTION_LAGGING: {
    httpStatus: 503,
    message: 'The subscriber fell behind; resume with `after`.',
    description:
      'More events waited for a subscription than it may hold; subscribe again with `after` set to the last `eventId` received.',
  },
  EVENTS_UNAVAILABLE: {
    httpStatus: 503,
    message: 'Events are unavailable; try again later.',
    description:
      'The event log (Redis) is not configured or not reachable, or the process is shutting down; subscriptions cannot be served.',
  },
  ORCHESTRATION_UNAVAILABLE: {
    httpStatus: 503,
    message: 'Order-to-cash progress is not available on this deployment.',
    description:
      'The orders subgraph was started without the orchestration state store (it needs Redis); `Order.progress` and `fulfillmentProgress` answer null meanwhile.',
  },
  WEBHOOKS_UNAVAILABLE: {
    httpStatus: 503,
    message: 'Partner webhooks are not available on this deployment.',
    description: 'The access subgraph was started without the partner webhooks service (it needs Redis).',
  },
  IDEMPOTENCY_KEY_REUSED: {
    httpStatus: 422,
    message: 'This idempotency key was used with another request.',
    description:
      'The same `idempotencyKey` came with a different input than its first use (IETF Idempotency-Key draft: 422); use a new key for a new request.',
  },
  IDEMPOTENCY_KEY_IN_USE: {
    httpStatus: 409,
    message: 'A request with this idempotency key is still being processed.',
    description:
      'An earlier request with the same key had not finished after the wait (IETF Idempotency-Key draft: 409); retry the same request shortly to get its outcome.',
  },
  IDEMPOTENCY_UNAVAILABLE: {
    httpStatus: 503,
    message: 'Idempotent requests cannot be served right now.',
    description:
      'The idempotency store (Redis) is not configured or not reachable, so nothing was done; retry later with the same key.',
  },
  ORDER_CAPTURE_BUSY: {
    httpStatus: 409,
    message: 'Another order with this customer reference is being captured.',
    description:
      'Captures are serialised per customer and customer reference; one with the same reference did not finish in time. Retry shortly: it will then answer a duplicate reference or your order.',
  },
  DEAD_LETTER_NOT_REPLAYABLE: {
    httpStatus: 422,
    message: 'This dead letter is not a canonical event and cannot be replayed.',
    description:
      'The dead-lettered entry was not written as a canonical event (it is listed with a null eventType): appended again, it would only be dead-lettered again. It stays in the dead-letter stream for inspection.',
  },
  INTERNAL_SERVER_ERROR: {
    httpStatus: 500,
    message: 'Unexpected error.',
    description: 'A fault of ours; details are in the logs under the correlation id.',
  },
} as const satisfies Record<string, { httpStatus: number; message: string; description: string }>;

export type ErrorCode = keyof typeof errorCatalogue;
