import { OdooProtocolError } from '../errors.js';
import { toOdooError } from '../to-odoo-error.js';
import type { HttpSend } from '../../shared/http-client.js';
import { sendHttp } from './http.js';
import type { OdooCallArgs, OdooTransport } from './transport.js';

export interface Json2TransportOptions {
  url: string;
  apiKey: string;
  /** Sent as `X-Odoo-Database`; needed only when one server hosts several databases. */
  database?: string;
  timeoutMs?: number;
  send: HttpSend;
}

/**
 * Odoo 19's JSON-2 API: `POST /json/2/<model>/<method>` with a bearer API key and a body of named
 * arguments plus `ids` and `context`; the return value is the whole body of a 200, errors are a
 * 4xx/5xx with Odoo's serialised exception.
 */
export class Json2Transport implements OdooTransport {
  readonly protocol = 'json2';
  readonly #options: Json2TransportOptions;

  constructor(options: Json2TransportOptions) {
    this.#options = options;
  }

  async call(model: string, method: string, args: OdooCallArgs, signal: AbortSignal): Promise<unknown> {
    const { url, apiKey, database, send, timeoutMs } = this.#options;
    const site = { model, method, timeoutMs };
    const headers: Record<string, string> = { Authorization: `bearer ${apiKey}` };
    if (database) headers['X-Odoo-Database'] = database;
    const body: Record<string, unknown> = { ...args.kwargs };
    if (args.ids) body.ids = args.ids;
    if (args.context) body.context = args.context;

    const path = `${url}/json/2/${encodeURIComponent(model)}/${encodeURIComponent(method)}`;
    const answer = await sendHttp(send, path, { method: 'POST', headers, body, signal }, site);
    if (answer.status >= 200 && answer.status < 300) {
      if (answer.json === undefined) {
        throw new OdooProtocolError(`Odoo answered ${model}.${method} with a body that is not JSON`, site);
      }
      return answer.json;
    }
    throw toOdooError(answer.json, { ...site, httpStatus: answer.status });
  }
}
