/**
 * The Odoo connector's error catalogue. Every failure of a call to Odoo reaches callers as one of
 * these classes, each with a stable `code` (what GraphQL `extensions.code` and metrics use) and
 * `retryable` (what the retry policy and the circuit breaker look at). `toOdooError` is the one
 * place that turns wire bodies and thrown values into them.
 */

/** Every code this connector raises, with what it means; a test keeps it unique and documented. */
export const ODOO_ERROR_CODES = {
  ODOO_AUTHENTICATION: 'Odoo refused the credentials (bad or expired API key, wrong login or database).',
  ODOO_ACCESS_DENIED: 'The integration user lacks the access rights or record rules for this operation.',
  ODOO_VALIDATION: 'A business rule or constraint refused the operation (UserError, ValidationError).',
  ODOO_MISSING_RECORD: 'A record the operation needs does not exist (any longer).',
  ODOO_BAD_REQUEST: 'Odoo rejected the call itself: unknown model or method, bad or unexpected arguments.',
  ODOO_UNAVAILABLE: 'Odoo could not be reached or answered with a transient failure; safe to retry a read.',
  ODOO_CIRCUIT_OPEN: 'Calls to Odoo are suspended after repeated transient failures; retry after a pause.',
  ODOO_PROTOCOL: 'Odoo answered with something that is not what Odoo sends (wrong shape or type).',
  ODOO_SERVER_ERROR:
    'Odoo raised an unexpected server-side exception; not retried, the call may be at fault.',
} as const;

export type OdooErrorCode = keyof typeof ODOO_ERROR_CODES;

/** Where and why a call failed; every field but `message` is optional. */
export interface OdooErrorOptions {
  /** The Python exception's qualified name, e.g. `odoo.exceptions.UserError`, when Odoo sent one. */
  odooName?: string;
  model?: string;
  method?: string;
  /** The HTTP status of the answer, when there was one. */
  httpStatus?: number;
  /** Odoo's traceback (`debug`): kept for logs, never shown to API clients. */
  debug?: string;
  cause?: unknown;
}

/** The base of every Odoo connector error. */
export abstract class OdooError extends Error {
  abstract readonly code: OdooErrorCode;
  abstract readonly retryable: boolean;
  readonly odooName: string | undefined;
  readonly model: string | undefined;
  readonly method: string | undefined;
  readonly httpStatus: number | undefined;
  readonly debug: string | undefined;

  constructor(message: string, options: OdooErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.odooName = options.odooName;
    this.model = options.model;
    this.method = options.method;
    this.httpStatus = options.httpStatus;
    this.debug = options.debug;
  }
}

export class OdooAuthenticationError extends OdooError {
  readonly code = 'ODOO_AUTHENTICATION';
  readonly retryable = false;
}

export class OdooAccessError extends OdooError {
  readonly code = 'ODOO_ACCESS_DENIED';
  readonly retryable = false;
}

/** Odoo's UserError and ValidationError; `odooName` tells which. */
export class OdooValidationError extends OdooError {
  readonly code = 'ODOO_VALIDATION';
  readonly retryable = false;
}

export class OdooMissingRecordError extends OdooError {
  readonly code = 'ODOO_MISSING_RECORD';
  readonly retryable = false;
}

export class OdooBadRequestError extends OdooError {
  readonly code = 'ODOO_BAD_REQUEST';
  readonly retryable = false;
}

/** Timeouts, refused or reset connections, 5xx from a proxy, 429, serialization failures. */
export class OdooRetryableError extends OdooError {
  readonly code = 'ODOO_UNAVAILABLE';
  readonly retryable = true;
}

export class OdooCircuitOpenError extends OdooError {
  readonly code = 'ODOO_CIRCUIT_OPEN';
  readonly retryable = false;
}

export class OdooProtocolError extends OdooError {
  readonly code = 'ODOO_PROTOCOL';
  readonly retryable = false;
}

/**
 * An exception Odoo raised that none of the other classes describe (e.g. `builtins.KeyError`).
 * Not retryable: unlike a proxy's 503 it says the server ran the call and the call failed.
 */
export class OdooServerError extends OdooError {
  readonly code = 'ODOO_SERVER_ERROR';
  readonly retryable = false;
}
