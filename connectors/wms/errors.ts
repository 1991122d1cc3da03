/**
 * The WMS connector's error catalogue. Every failure of a call to the WMS reaches callers as one of
 * these classes, each with a stable `code` (what GraphQL `extensions.code` and metrics use) and
 * `retryable` (what the retry policy and the circuit breaker look at). `toWmsError` is the one place that
 * turns HTTP answers, GraphQL errors and thrown values into them.
 */

/** Every code this connector raises, with what it means; a test keeps it unique and documented. */
export const WMS_ERROR_CODES = {
  WMS_AUTHENTICATION: 'The WMS refused the bearer token (missing, wrong or expired).',
  WMS_VALIDATION: 'The WMS refused the request or its input; `messages` holds what it said.',
  WMS_NOT_FOUND: 'The order (or other resource) the operation needs does not exist in the WMS.',
  WMS_THROTTLED: 'The WMS is out of credits for this account and the waits it announced ran out.',
  WMS_UNAVAILABLE: 'The WMS could not be reached, timed out or answered with a transient failure.',
  WMS_CIRCUIT_OPEN: 'Calls to the WMS are suspended after repeated transient failures; retry after a pause.',
  WMS_PROTOCOL: 'The WMS answered with something that is not what the API sends (failed validation).',
  WMS_WEBHOOK_SIGNATURE: 'An inbound webhook is not signed with the shared secret (or not signed at all).',
  WMS_WEBHOOK_MALFORMED: 'An inbound webhook is signed but is not a delivery this connector understands.',
} as const;

export type WmsErrorCode = keyof typeof WMS_ERROR_CODES;

export interface WmsErrorOptions {
  /** The GraphQL root field (or webhook type) concerned. */
  operation?: string;
  httpStatus?: number;
  /** The WMS's own error code (ShipHero's numeric `code`), when it sent one. */
  wmsCode?: number | string;
  /** ShipHero's `request_id`, for its support. */
  requestId?: string;
  /** Every message the WMS sent. */
  messages?: readonly string[];
  cause?: unknown;
}

export abstract class WmsError extends Error {
  abstract readonly code: WmsErrorCode;
  abstract readonly retryable: boolean;
  readonly operation: string | undefined;
  readonly httpStatus: number | undefined;
  readonly wmsCode: number | string | undefined;
  readonly requestId: string | undefined;
  readonly messages: readonly string[];

  constructor(message: string, options: WmsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.operation = options.operation;
    this.httpStatus = options.httpStatus;
    this.wmsCode = options.wmsCode;
    this.requestId = options.requestId;
    this.messages = options.messages ?? [message];
  }
}

export class WmsAuthenticationError extends WmsError {
  readonly code = 'WMS_AUTHENTICATION';
  readonly retryable = false;
}

export class WmsValidationError extends WmsError {
  readonly code = 'WMS_VALIDATION';
  readonly retryable = false;
}

export class WmsNotFoundError extends WmsError {
  readonly code = 'WMS_NOT_FOUND';
  readonly retryable = false;
}

/**
 * Out of credits. Not `retryable` for the generic policy and the breaker (the WMS is healthy): the client
 * waits `retryAfterMs` itself, a bounded number of times, before throwing this.
 */
export class WmsThrottledError extends WmsError {
  readonly code = 'WMS_THROTTLED';
  readonly retryable = false;
  readonly retryAfterMs: number;

  constructor(message: string, options: WmsErrorOptions & { retryAfterMs: number }) {
    super(message, options);
    this.retryAfterMs = options.retryAfterMs;
  }
}

export class WmsUnavailableError extends WmsError {
  readonly code = 'WMS_UNAVAILABLE';
  readonly retryable = true;
}

export class WmsCircuitOpenError extends WmsError {
  readonly code = 'WMS_CIRCUIT_OPEN';
  readonly retryable = false;
}

export class WmsProtocolError extends WmsError {
  readonly code = 'WMS_PROTOCOL';
  readonly retryable = false;
}

export class WmsWebhookSignatureError extends WmsError {
  readonly code = 'WMS_WEBHOOK_SIGNATURE';
  readonly retryable = false;
}

export class WmsWebhookMalformedError extends WmsError {
  readonly code = 'WMS_WEBHOOK_MALFORMED';
  readonly retryable = false;
}
