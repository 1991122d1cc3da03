import { CORRELATION_HEADER, currentCorrelationId } from '../../platform/correlation.js';
import { tracedSend } from '../../platform/observability/spans.js';
import { headerValue, type HttpSend } from '../shared/http-client.js';
import type { z } from 'zod';
import { CarrierProtocolError } from './errors.js';
import { fromAnswer, fromThrown, type CarrierFailureSite } from './to-carrier-error.js';

export const CARRIER_USER_AGENT = 'distribution-graph-carrier-connector/0.1';

/** One request to the API: method, path under the base URL (`/v2/...`), query or JSON body. */
export interface CarrierRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  query?: Readonly<Record<string, string | readonly string[]>>;
  body?: unknown;
}

export interface CarrierTransportOptions {
  url: string;
  apiKey: string;
  send: HttpSend;
}

/**
 * Sends one attempt: Basic auth with the API key as user name (EasyPost's scheme), JSON in and out,
 * the correlation id, the caller's signal. A 2xx body is validated with `schema` (CARRIER_PROTOCOL when
 * it does not match); anything else becomes the typed error its status means.
 */
export async function sendCarrierRequest<S extends z.ZodType>(
  options: CarrierTransportOptions,
  request: CarrierRequest,
  schema: S,
  signal: AbortSignal,
  site: CarrierFailureSite,
): Promise<z.output<S>> {
  const url = new URL(`${options.url}${request.path}`);
  for (const [key, value] of Object.entries(request.query ?? {}))
    for (const one of typeof value === 'string' ? [value] : value) url.searchParams.append(key, one);
  const headers: Record<string, string> = {
    Authorization: `Basic ${Buffer.from(`${options.apiKey}:`).toString('base64')}`,
    Accept: 'application/json',
    'User-Agent': CARRIER_USER_AGENT,
  };
  const correlationId = currentCorrelationId();
  if (correlationId) headers[CORRELATION_HEADER] = correlationId;
  if (request.body !== undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
  let status: number;
  let text: string;
  let retryAfter: string | null;
  try {
    const response = await tracedSend(
      options.send,
      url.toString(),
      {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal,
      },
      { system: 'carrier', operation: site.operation },
    );
    status = response.status;
    retryAfter = headerValue(response.headers, 'retry-after');
    text = response.text;
  } catch (error) {
    throw fromThrown(error, site);
  }
  const json = parseJson(text);
  if (status < 200 || status >= 300) throw fromAnswer({ status, json, retryAfter }, site);
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new CarrierProtocolError(`The carrier API answered ${site.operation} with an unexpected body`, {
      operation: site.operation,
      httpStatus: status,
      cause: parsed.error,
    });
  return parsed.data;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
