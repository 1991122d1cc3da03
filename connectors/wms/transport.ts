import { CORRELATION_HEADER, currentCorrelationId } from '../../platform/correlation.js';
import { tracedSend } from '../../platform/observability/spans.js';
import type { HttpSend } from '../shared/http-client.js';
import { USER_AGENT } from '../shared/user-agent.js';
import { WmsProtocolError } from './errors.js';
import { fromHttpStatus, fromThrown, fromWireErrors, type WmsFailureSite } from './to-wms-error.js';
import { wireResponseSchema } from './wire.js';

export interface GraphqlRequest {
  url: string;
  token: string;
  query: string;
  variables?: Record<string, unknown>;
  signal: AbortSignal;
}

/**
 * POSTs one GraphQL request with the bearer token and the correlation id, and returns its `data` once the
 * answer is a GraphQL response without errors; every other outcome becomes a WmsError here.
 */
export async function postGraphql(
  send: HttpSend,
  request: GraphqlRequest,
  site: WmsFailureSite,
): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = {
    'User-Agent': USER_AGENT,
    Accept: 'application/json',
    'Content-Type': 'application/json; charset=utf-8',
    Authorization: `Bearer ${request.token}`,
  };
  const correlationId = currentCorrelationId();
  if (correlationId) headers[CORRELATION_HEADER] = correlationId;
  let status: number;
  let text: string;
  try {
    const response = await tracedSend(
      send,
      request.url,
      {
        method: 'POST',
        headers,
        body: JSON.stringify({ query: request.query, variables: request.variables ?? {} }),
        signal: request.signal,
      },
      { system: 'wms', operation: site.operation },
    );
    status = response.status;
    text = response.text;
  } catch (error) {
    throw fromThrown(error, site);
  }
  const answered = { ...site, httpStatus: status };
  const parsed = wireResponseSchema.safeParse(parseJson(text));
  if (!parsed.success) throw fromHttpStatus(status, answered, text.slice(0, 500));
  const { data, errors } = parsed.data;
  if (errors && errors.length > 0) throw fromWireErrors(errors, answered);
  if (status < 200 || status >= 300) throw fromHttpStatus(status, answered);
  if (!data) throw new WmsProtocolError('The WMS answered without data or errors', answered);
  return data;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
