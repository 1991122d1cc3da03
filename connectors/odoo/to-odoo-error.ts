import { types } from 'node:util';
import { connectionFailureCode, isConnectionFailure } from '../shared/http-client.js';
import {
  OdooAccessError,
  OdooAuthenticationError,
  OdooBadRequestError,
  OdooError,
  OdooMissingRecordError,
  OdooProtocolError,
  OdooRetryableError,
  OdooServerError,
  OdooValidationError,
  type OdooErrorOptions,
} from './errors.js';
import { jsonRpcErrorSchema, odooExceptionSchema, type OdooException } from './wire.js';

/** Where the failure happened, and what the HTTP layer saw. */
export interface OdooFailureSite {
  model?: string;
  method?: string;
  /** HTTP status of Odoo's answer (JSON-2 errors are 4xx/5xx; JSON-RPC errors come with 200). */
  httpStatus?: number;
  /** The per-call timeout, to say how long we waited when a call timed out. */
  timeoutMs?: number;
}

type ErrorClass = new (message: string, options?: OdooErrorOptions) => OdooError;

/** Exceptions that say "try again": PostgreSQL lost a race or a connection, or a proxy shed load. */
const TRANSIENT_NAMES = new Set([
  'SerializationFailure',
  'TransactionRollbackError',
  'DeadlockDetected',
  'LockNotAvailable',
  'OperationalError',
  'InterfaceError',
  'ServiceUnavailable',
  'TooManyRequests',
  'GatewayTimeout',
  'BadGateway',
]);
const TRANSIENT_MESSAGE = /could not serialize access|concurrent update|deadlock detected/i;

/** By the last segment of the Python class name, since modules move between Odoo versions. */
const CLASS_BY_NAME: Record<string, ErrorClass> = {
  AccessDenied: OdooAuthenticationError,
  Unauthorized: OdooAuthenticationError,
  SessionExpiredException: OdooAuthenticationError,
  AccessError: OdooAccessError,
  Forbidden: OdooAccessError,
  MissingError: OdooMissingRecordError,
  ValidationError: OdooValidationError,
  UserError: OdooValidationError,
  RedirectWarning: OdooValidationError,
  ValueError: OdooBadRequestError,
  TypeError: OdooBadRequestError,
  KeyError: OdooBadRequestError,
  AttributeError: OdooBadRequestError,
  BadRequest: OdooBadRequestError,
  NotFound: OdooBadRequestError,
  MethodNotAllowed: OdooBadRequestError,
  UnprocessableEntity: OdooBadRequestError,
};
const BAD_ARGUMENTS_MESSAGE =
  /unexpected keyword argument|required positional argument|takes \d+ positional/i;

/**
 * Converts anything a call to Odoo can fail with into one typed {@link OdooError}: a JSON-2 error
 * body (with `site.httpStatus`), a JSON-RPC `error` member, a non-JSON error page (status only),
 * a connection failure (the sender's HttpConnectionError, or fetch's `TypeError: fetch failed`), or
 * an AbortSignal timeout. An OdooError passes through.
 */
export function toOdooError(failure: unknown, site: OdooFailureSite = {}): OdooError {
  if (failure instanceof OdooError) return failure;
  // Thrown errors first: a TypeError or DOMException also has a `name` and a `message`.
  if (isThrown(failure)) return fromThrown(failure, site);
  const where = { model: site.model, method: site.method, httpStatus: site.httpStatus };

  const rpc = jsonRpcErrorSchema.safeParse(failure);
  if (rpc.success) {
    const { code, message, data } = rpc.data;
    if (code === 100) {
      return new OdooAuthenticationError(data?.message ?? message, {
        ...where,
        odooName: data?.name,
        cause: failure,
      });
    }
    if (data) return fromException(data, where, failure);
    return new OdooServerError(message, { ...where, cause: failure });
  }

  const exception = odooExceptionSchema.safeParse(failure);
  if (exception.success) return fromException(exception.data, where, failure);

  // JSON-2 answers some HTTP exceptions with a bare JSON string; anything else (a proxy's HTML page) has no message.
  const message = typeof failure === 'string' ? failure : undefined;
  if (site.httpStatus !== undefined) return fromStatus(site.httpStatus, message, where, failure);
  return new OdooProtocolError('Odoo answered with an unrecognised error', { ...where, cause: failure });
}

function fromException(body: OdooException, where: OdooErrorOptions, cause: unknown): OdooError {
  const short = body.name.slice(body.name.lastIndexOf('.') + 1);
  const message = body.message ?? body.name;
  const options: OdooErrorOptions = { ...where, odooName: body.name, debug: body.debug, cause };
  if (TRANSIENT_NAMES.has(short) || TRANSIENT_MESSAGE.test(message))
    return new OdooRetryableError(message, options);
  const Known = CLASS_BY_NAME[short];
  if (Known) return new Known(message, options);
  if (BAD_ARGUMENTS_MESSAGE.test(message)) return new OdooBadRequestError(message, options);
  return fromStatus(where.httpStatus, message, options, cause, true);
}

function fromStatus(
  status: number | undefined,
  message: string | undefined,
  options: OdooErrorOptions,
  cause: unknown,
  odooRaised = false,
): OdooError {
  const text = message ?? `Odoo answered HTTP ${status ?? '?'}`;
  const withCause = { ...options, cause };
  if (status === 401) return new OdooAuthenticationError(text, withCause);
  if (status === 403) return new OdooAccessError(text, withCause);
  if (status === 408 || status === 429) return new OdooRetryableError(text, withCause);
  if (status !== undefined && status >= 400 && status < 500) return new OdooBadRequestError(text, withCause);
  // A 500 carrying a Python exception means Odoo ran the call and it raised: not transient.
  if (status === 500 && odooRaised) return new OdooServerError(text, withCause);
  if (status !== undefined && status >= 500) return new OdooRetryableError(text, withCause);
  return new OdooServerError(text, withCause);
}

/**
 * Whether `value` was thrown rather than parsed from JSON. Checked by shape, not `instanceof`:
 * fetch's errors and DOMExceptions may come from another realm (Node internals, jest's vm).
 */
function isThrown(value: unknown): value is Error {
  if (value instanceof Error || types.isNativeError(value)) return true;
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
  const plain = proto === null || proto.constructor?.name === 'Object';
  return !plain && typeof (value as { name?: unknown }).name === 'string';
}

function fromThrown(error: Error, site: OdooFailureSite): OdooError {
  const where = { model: site.model, method: site.method, cause: error };
  if (error.name === 'TimeoutError') {
    const after = site.timeoutMs === undefined ? '' : ` after ${site.timeoutMs} ms`;
    return new OdooRetryableError(`Odoo did not answer${after}`, where);
  }
  if (error.name === 'AbortError') return new OdooRetryableError('The call to Odoo was aborted', where);
  if (isConnectionFailure(error)) {
    const code = connectionFailureCode(error);
    return new OdooRetryableError(`Odoo is unreachable${code ? ` (${code})` : ''}`, where);
  }
  if (error.name === 'SyntaxError') return new OdooProtocolError(`Odoo answered with invalid JSON`, where);
  return new OdooProtocolError(`Unexpected failure calling Odoo: ${error.message}`, where);
}
