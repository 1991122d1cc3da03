/**
 * The carrier connector's error catalogue. Every failure of a call to the carrier API reaches callers as
 * one of these classes, each with a stable `code` (what GraphQL `extensions.code` and metrics use) and
 * `retryable` (what the retry policy and the circuit breaker look at). `toCarrierError` is the one place
 * that turns HTTP answers and thrown values into them.
 */

/** Every code this connector raises, with what it means; a test keeps it unique and documented. */
export const CARRIER_ERROR_CODES = {
  CARRIER_AUTHENTICATION: 'The carrier API refused the API key (missing, wrong or inactive).',
  CARRIER_VALIDATION: 'The carrier API refused the request or its input; `fieldErrors` says which fields.',
  CARRIER_NOT_FOUND: 'The shipment, tracker or webhook the operation names does not exist.',
  CARRIER_RATE_LIMITED: 'The carrier API asked us to slow down (429) for longer than the client waits.',
  CARRIER_UNAVAILABLE: 'The carrier API could not be reached, timed out or answered with a 5xx.',
  CARRIER_CIRCUIT_OPEN:
    'Calls to the carrier API are suspended after repeated failures; retry after a pause.',
  CARRIER_PROTOCOL: 'The carrier API answered with something that is not what the API sends.',
  CARRIER_WEBHOOK_SIGNATURE: 'An inbound webhook is not signed with our secret (or not signed at all).',
  CARRIER_WEBHOOK_MALFORMED:
    'An inbound webhook is correctly signed but is not an Event this connector reads.',
} as const;

export type CarrierErrorCode = keyof typeof CARRIER_ERROR_CODES;

/** One field the API refused, as EasyPost's `error.errors[]` lists it. */
export interface CarrierFieldError {
  field: string;
  message: string;
}

export interface CarrierErrorOptions {
  /** `METHOD /v2/path/:template` of the call, or the webhook concerned. */
  operation?: string;
  httpStatus?: number;
  /** The API's own error code, e.g. `SHIPMENT.POSTAGE.FAILURE`. */
  apiCode?: string;
  fieldErrors?: readonly CarrierFieldError[];
  cause?: unknown;
}

export abstract class CarrierError extends Error {
  abstract readonly code: CarrierErrorCode;
  abstract readonly retryable: boolean;
  readonly operation: string | undefined;
  readonly httpStatus: number | undefined;
  readonly apiCode: string | undefined;
  readonly fieldErrors: readonly CarrierFieldError[];

  constructor(message: string, options: CarrierErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.operation = options.operation;
    this.httpStatus = options.httpStatus;
    this.apiCode = options.apiCode;
    this.fieldErrors = options.fieldErrors ?? [];
  }
}

export class CarrierAuthenticationError extends CarrierError {
  readonly code = 'CARRIER_AUTHENTICATION';
  readonly retryable = false;
}

export class CarrierValidationError extends CarrierError {
  readonly code = 'CARRIER_VALIDATION';
  readonly retryable = false;
}

export class CarrierNotFoundError extends CarrierError {
  readonly code = 'CARRIER_NOT_FOUND';
  readonly retryable = false;
}

/**
 * A 429. Not `retryable` for the breaker (the API is healthy, we are too fast); the retry policy waits
 * `retryAfterMs` itself when the API announced a wait no longer than the configured maximum.
 */
export class CarrierRateLimitedError extends CarrierError {
  readonly code = 'CARRIER_RATE_LIMITED';
  readonly retryable = false;
  /** The wait the API announced (Retry-After), when it announced one. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: CarrierErrorOptions & { retryAfterMs?: number }) {
    super(message, options);
    this.retryAfterMs = options.retryAfterMs;
  }
}

export class CarrierUnavailableError extends CarrierError {
  readonly code = 'CARRIER_UNAVAILABLE';
  readonly retryable = true;
}

export class CarrierCircuitOpenError extends CarrierError {
  readonly code = 'CARRIER_CIRCUIT_OPEN';
  readonly retryable = false;
}

export class CarrierProtocolError extends CarrierError {
  readonly code = 'CARRIER_PROTOCOL';
  readonly retryable = false;
}

export class CarrierWebhookSignatureError extends CarrierError {
  readonly code = 'CARRIER_WEBHOOK_SIGNATURE';
  readonly retryable = false;
}

export class CarrierWebhookMalformedError extends CarrierError {
  readonly code = 'CARRIER_WEBHOOK_MALFORMED';
  readonly retryable = false;
}
