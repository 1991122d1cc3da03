import { OdooAuthenticationError, OdooProtocolError } from '../errors.js';
import { toOdooError, type OdooFailureSite } from '../to-odoo-error.js';
import { jsonRpcResponseSchema } from '../wire.js';
import type { HttpSend } from '../../shared/http-client.js';
import { sendHttp } from './http.js';
import type { OdooCallArgs, OdooTransport } from './transport.js';

export interface JsonRpcTransportOptions {
  url: string;
  database: string;
  login: string;
  apiKey: string;
  timeoutMs?: number;
  send: HttpSend;
}

/** One `POST /jsonrpc` call to an Odoo service (`common`, `object`); resolves with `result`. */
export async function callJsonRpc(
  send: HttpSend,
  url: string,
  request: { id: number; service: string; method: string; args: readonly unknown[] },
  signal: AbortSignal,
  site: OdooFailureSite,
): Promise<unknown> {
  const body = {
    jsonrpc: '2.0',
    method: 'call',
    id: request.id,
    params: { service: request.service, method: request.method, args: request.args },
  };
  const answer = await sendHttp(send, `${url}/jsonrpc`, { method: 'POST', body, signal }, site);
  // Odoo answers JSON-RPC errors with 200; any other status comes from a proxy or a dead worker.
  if (answer.status !== 200) throw toOdooError(answer.json, { ...site, httpStatus: answer.status });
  const envelope = jsonRpcResponseSchema.safeParse(answer.json);
  if (!envelope.success) {
    throw new OdooProtocolError(`Odoo's /jsonrpc answer is not a JSON-RPC 2.0 response`, {
      ...site,
      cause: envelope.error,
    });
  }
  if (envelope.data.error) throw toOdooError(envelope.data.error, site);
  // Odoo leaves `result` out when the method returned None.
  return envelope.data.result ?? null;
}

/**
 * The JSON-RPC API of Odoo up to 18 (deprecated in 19, removed in 22): `common.authenticate` once
 * for a uid, then `object.execute_kw(db, uid, key, model, method, args, kwargs)` per call.
 */
export class JsonRpcTransport implements OdooTransport {
  readonly protocol = 'jsonrpc';
  readonly #options: JsonRpcTransportOptions;
  #uid: Promise<number> | undefined;
  #nextId = 1;

  constructor(options: JsonRpcTransportOptions) {
    this.#options = options;
  }

  async call(model: string, method: string, args: OdooCallArgs, signal: AbortSignal): Promise<unknown> {
    const cached = this.#uid;
    const uid = await this.#authenticate(signal);
    try {
      return await this.#execute(uid, model, method, args, signal);
    } catch (error) {
      // A uid from an earlier login may have gone stale (key rotated, user reset): log in again, once.
      // Odoo checks credentials before running the method, so repeating the call cannot repeat a write.
      if (!(error instanceof OdooAuthenticationError) || cached === undefined) throw error;
      if (this.#uid === cached) this.#uid = undefined;
      const fresh = await this.#authenticate(signal);
      return this.#execute(fresh, model, method, args, signal);
    }
  }

  #authenticate(signal: AbortSignal): Promise<number> {
    this.#uid ??= this.#login(signal).catch((error: unknown) => {
      this.#uid = undefined;
      throw error;
    });
    return this.#uid;
  }

  async #login(signal: AbortSignal): Promise<number> {
    const { url, database, login, apiKey, send, timeoutMs } = this.#options;
    const site = { model: 'res.users', method: 'authenticate', timeoutMs };
    const request = {
      id: this.#nextId++,
      service: 'common',
      method: 'authenticate',
      args: [database, login, apiKey, {}],
    };
    const uid = await callJsonRpc(send, url, request, signal, site);
    if (uid === false) {
      throw new OdooAuthenticationError(
        `Odoo refused the login ${JSON.stringify(login)} on database ${JSON.stringify(database)}`,
        site,
      );
    }
    if (typeof uid !== 'number' || !Number.isInteger(uid)) {
      throw new OdooProtocolError('common.authenticate answered with something other than a uid', site);
    }
    return uid;
  }

  #execute(
    uid: number,
    model: string,
    method: string,
    args: OdooCallArgs,
    signal: AbortSignal,
  ): Promise<unknown> {
    const { url, database, apiKey, send, timeoutMs } = this.#options;
    const kwargs: Record<string, unknown> = { ...args.kwargs };
    if (args.context) kwargs.context = args.context;
    const positional: unknown[] = args.ids ? [args.ids] : [];
    // Odoo up to 17 reads create's values from args[0] (api._call_kw_model_create), so they go positionally.
    if (method === 'create' && !args.ids && 'vals_list' in kwargs) {
      positional.push(kwargs.vals_list);
      delete kwargs.vals_list;
    }
    const request = {
      id: this.#nextId++,
      service: 'object',
      method: 'execute_kw',
      args: [database, uid, apiKey, model, method, positional, kwargs],
    };
    return callJsonRpc(send, url, request, signal, { model, method, timeoutMs });
  }
}
