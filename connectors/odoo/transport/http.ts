import { CORRELATION_HEADER, currentCorrelationId } from '../../../platform/correlation.js';
import { tracedSend } from '../../../platform/observability/spans.js';
import type { HttpSend } from '../../shared/http-client.js';
import { USER_AGENT } from '../../shared/user-agent.js';
import { toOdooError, type OdooFailureSite } from '../to-odoo-error.js';

/** An HTTP answer whose body was read: `json` is undefined when the body was not JSON. */
export interface HttpAnswer {
  status: number;
  json: unknown;
  text: string;
}

/**
 * Sends one request to Odoo with the headers every call carries (User-Agent, correlation id) and
 * reads the whole body under the same signal; network failures and timeouts become OdooErrors here.
 */
export async function sendHttp(
  send: HttpSend,
  url: string,
  init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: unknown; signal: AbortSignal },
  site: OdooFailureSite,
): Promise<HttpAnswer> {
  const headers: Record<string, string> = {
    'User-Agent': USER_AGENT,
    Accept: 'application/json',
    ...init.headers,
  };
  const correlationId = currentCorrelationId();
  if (correlationId) headers[CORRELATION_HEADER] = correlationId;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
  try {
    const response = await tracedSend(
      send,
      url,
      {
        method: init.method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: init.signal,
      },
      { system: 'odoo', operation: operationOf(site) },
    );
    return { status: response.status, json: parseJson(response.text), text: response.text };
  } catch (error) {
    throw toOdooError(error, site);
  }
}

/** `model.method` as the span names it. */
function operationOf(site: OdooFailureSite): string {
  if (site.model && site.method) return `${site.model}.${site.method}`;
  return site.model || site.method || 'request';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
