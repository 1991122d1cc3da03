import { types } from 'node:util';
import { connectionFailureCode, isConnectionFailure } from '../shared/http-client.js';
import {
  CarrierAuthenticationError,
  CarrierError,
  CarrierNotFoundError,
  CarrierProtocolError,
  CarrierRateLimitedError,
  CarrierUnavailableError,
  CarrierValidationError,
  type CarrierErrorOptions,
  type CarrierFieldError,
} from './errors.js';
import { errorWireSchema } from './wire.js';

/** Where a call failed. */
export interface CarrierFailureSite {
  /** `METHOD /v2/path/:template`. */
  operation: string;
  /** The per-attempt timeout, to say how long we waited. */
  timeoutMs?: number;
}

/** An error answer: the status, the parsed body and the Retry-After header. */
export interface CarrierErrorAnswer {
  status: number;
  json: unknown;
  retryAfter: string | null;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Converts an HTTP error answer (any status ≥ 300) into the typed error it means. */
export function fromAnswer(answer: CarrierErrorAnswer, site: CarrierFailureSite): CarrierError {
  const body = errorWireSchema.safeParse(answer.json);
  const fieldErrors: CarrierFieldError[] = body.success
    ? (body.data.error.errors ?? []).map((e) => ({ field: e.field ?? '', message: e.message ?? '' }))
    : [];
  const options: CarrierErrorOptions = {
    operation: site.operation,
    httpStatus: answer.status,
    apiCode: body.success ? body.data.error.code : undefined,
    fieldErrors,
    cause: answer.json,
  };
  const message = body.success
    ? body.data.error.message
    : `The carrier API answered ${site.operation} with HTTP ${answer.status}`;
  const { status } = answer;
  if (status === 401 || status === 403) return new CarrierAuthenticationError(message, options);
  if (status === 404) return new CarrierNotFoundError(message, options);
  if (status === 429)
    return new CarrierRateLimitedError(message, {
      ...options,
      retryAfterMs: retryAfterMs(answer.retryAfter),
    });
  if (status === 400 || status === 422) return new CarrierValidationError(message, options);
  if (status === 408 || status >= 500) return new CarrierUnavailableError(message, options);
  return new CarrierProtocolError(message, options);
}

/** An Error or DOMException (AbortSignal.timeout's), perhaps from another realm. */
function isThrown(value: unknown): value is Error {
  if (value instanceof Error || types.isNativeError(value)) return true;
  return (
    typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string'
  );
}

/**
 * Converts what the sender throws: an AbortSignal timeout or abort, a connection failure (its
 * HttpConnectionError, or fetch's `TypeError: fetch failed`), anything else. A CarrierError passes through. Checked by shape, not `instanceof`: these may
 * come from another realm (Node internals, jest's vm).
 */
export function fromThrown(error: unknown, site: CarrierFailureSite): CarrierError {
  if (error instanceof CarrierError) return error;
  const where = { operation: site.operation, cause: error };
  if (!isThrown(error))
    return new CarrierProtocolError(`Unexpected failure calling ${site.operation}`, where);
  const { name, message } = error;
  if (name === 'TimeoutError') {
    const after = site.timeoutMs === undefined ? '' : ` after ${site.timeoutMs} ms`;
    return new CarrierUnavailableError(`The carrier API did not answer ${site.operation}${after}`, where);
  }
  if (name === 'AbortError') return new CarrierUnavailableError(`${site.operation} was aborted`, where);
  if (isConnectionFailure(error)) {
    const code = connectionFailureCode(error);
    const detail = code ? ` (${code})` : '';
    return new CarrierUnavailableError(`The carrier API is unreachable${detail}`, where);
  }
  return new CarrierProtocolError(`Unexpected failure calling ${site.operation}: ${message}`, where);
}
