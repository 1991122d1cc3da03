import { types } from 'node:util';
import { isConnectionFailure } from '../shared/http-client.js';
import {
  WmsAuthenticationError,
  WmsError,
  WmsNotFoundError,
  WmsProtocolError,
  WmsThrottledError,
  WmsUnavailableError,
  WmsValidationError,
  type WmsErrorOptions,
} from './errors.js';
import type { WireError } from './wire.js';

/** ShipHero's error code for "There are not enough credits to perform the requested operation...". */
export const THROTTLED_CODE = 30;
/** ShipHero's error code for a missing resource ("Order not found"). */
export const NOT_FOUND_CODE = 5;

export interface WmsFailureSite {
  operation: string;
  httpStatus?: number;
  timeoutMs?: number;
}

/** An HTTP status without a usable GraphQL body. */
export function fromHttpStatus(status: number, site: WmsFailureSite, cause?: unknown): WmsError {
  const where = { operation: site.operation, httpStatus: status, cause };
  if (status === 401 || status === 403)
    return new WmsAuthenticationError(`The WMS answered HTTP ${status}`, where);
  if (status === 408 || status === 429 || status >= 500)
    return new WmsUnavailableError(`The WMS answered HTTP ${status}`, where);
  if (status >= 400) return new WmsValidationError(`The WMS answered HTTP ${status}`, where);
  return new WmsProtocolError('The WMS answered with a body that is not a GraphQL response', where);
}

/** A GraphQL `errors` array: throttling wins (the request did nothing), then not found, else validation. */
export function fromWireErrors(errors: readonly WireError[], site: WmsFailureSite): WmsError {
  const messages = errors.map((error) => error.message);
  const first = errors[0];
  const options: WmsErrorOptions = {
    operation: first?.operation ?? site.operation,
    httpStatus: site.httpStatus,
    wmsCode: first?.code,
    requestId: first?.request_id,
    messages,
    cause: errors,
  };
  const throttled = errors.find((error) => Number(error.code) === THROTTLED_CODE);
  if (throttled) {
    const retryAfterMs = retryAfterMsOf(throttled);
    return new WmsThrottledError(throttled.message, { ...options, wmsCode: throttled.code, retryAfterMs });
  }
  if (site.httpStatus === 401 || site.httpStatus === 403)
    return new WmsAuthenticationError(messages.join('; '), options);
  if (errors.some((error) => Number(error.code) === NOT_FOUND_CODE))
    return new WmsNotFoundError(messages.join('; '), options);
  return new WmsValidationError(messages.join('; '), options);
}

/**
 * The wait a throttling error announces: `time_remaining` as seconds (`"4 seconds"`, `"0.25 seconds"`,
 * or a bare number), else the message's "Try again in N seconds", else one second.
 */
export function retryAfterMsOf(error: WireError): number {
  const fromField = secondsIn(error.time_remaining);
  const seconds = fromField ?? secondsIn(/try again in ([\d.]+) seconds?/i.exec(error.message)?.[1]) ?? 1;
  return Math.max(0, Math.ceil(seconds * 1000));
}

function secondsIn(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = typeof value === 'number' ? value : Number.parseFloat(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/** A thrown value (connection failure, timeout, abort) as a WmsError; a WmsError passes through. */
export function fromThrown(failure: unknown, site: WmsFailureSite): WmsError {
  if (failure instanceof WmsError) return failure;
  const error = isError(failure) ? failure : new Error(String(failure));
  const where = { operation: site.operation, cause: failure };
  if (error.name === 'TimeoutError') {
    const after = site.timeoutMs === undefined ? '' : ` after ${site.timeoutMs} ms`;
    return new WmsUnavailableError(`The WMS did not answer${after}`, where);
  }
  if (error.name === 'AbortError') return new WmsUnavailableError('The call to the WMS was aborted', where);
  if (isConnectionFailure(error)) return new WmsUnavailableError('The WMS is unreachable', where);
  return new WmsProtocolError(`Unexpected failure calling the WMS: ${error.message}`, where);
}

function isError(value: unknown): value is Error {
  return (
    value instanceof Error ||
    types.isNativeError(value) ||
    (typeof value === 'object' &&
      value !== null &&
      typeof (value as { name?: unknown }).name === 'string' &&
      typeof (value as { message?: unknown }).message === 'string')
  );
}
