import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OdooEmulator } from '../emulator.js';
import {
  badRequest,
  notFound,
  toOdooException,
  unauthorized,
  type OdooException,
} from '../orm/exceptions.js';
import { readBody, sendJson, serializeException } from './respond.js';

const BEARER = /^bearer\s+(.+)$/i;

/** JSON-2 errors: the exception's status and Odoo's serialised body (`Json2Dispatcher.handle_error`). */
export function sendJson2Error(res: ServerResponse, error: OdooException): void {
  const headers: Record<string, string> = error.httpStatus === 401 ? { 'WWW-Authenticate': 'Bearer' } : {};
  sendJson(res, error.httpStatus, serializeException(error), headers);
}

/** The database the request targets: the `X-Odoo-Database` header, else the only one (monodb). */
export function selectsDatabase(req: IncomingMessage, emulator: OdooEmulator): boolean {
  const header = req.headers['x-odoo-database'];
  return header === undefined || header === emulator.database;
}

function asIds(value: unknown): number[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'number') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'number')) return value;
  throw badRequest(`Invalid ids: ${JSON.stringify(value)}`);
}

/**
 * `POST /json/2/<model>/<method>` (addons/rpc/controllers/json2.py): bearer key, named arguments,
 * `ids` and `context` in the body; the result is the whole body.
 */
export async function handleJson2(
  req: IncomingMessage,
  res: ServerResponse,
  emulator: OdooEmulator,
  model: string,
  method: string,
): Promise<void> {
  try {
    // With an unknown X-Odoo-Database Odoo serves the request without a database, where no /json/2 route exists.
    if (!selectsDatabase(req, emulator)) throw notFound('The requested URL was not found on the server.');
    const text = await readBody(req);
    let body: unknown = {};
    if (text.length > 0) {
      try {
        body = JSON.parse(text) as unknown;
      } catch (error) {
        throw badRequest(`could not parse the body as json: ${(error as Error).message}`);
      }
    }
    // Odoo merges a JSON object into the parameters and ignores any other JSON value.
    const params: Record<string, unknown> =
      typeof body === 'object' && body !== null && !Array.isArray(body)
        ? { ...(body as Record<string, unknown>) }
        : {};
    const match = BEARER.exec(String(req.headers.authorization ?? ''));
    if (!match) throw unauthorized('User not authenticated, use the "Authorization" header');
    const uid = emulator.uidForKey(match[1]!.trim());
    if (uid === undefined) throw unauthorized('Invalid apikey');
    const { ids, context, ...kwargs } = params;
    const callContext =
      typeof context === 'object' && context !== null && !Array.isArray(context)
        ? (context as Record<string, unknown>)
        : {};
    await emulator.faults.delay(model, method);
    const injected = emulator.faults.failure(model, method);
    if (injected) throw injected;
    const result = emulator.execute(uid, model, method, asIds(ids), kwargs, callContext);
    // Committed, but the client never hears of it (see `lostResponseRate` in faults.ts).
    if (emulator.faults.loseResponse(model, method)) return void res.destroy();
    sendJson(res, 200, result);
  } catch (error) {
    const odooError = toOdooException(error);
    if (odooError.httpStatus >= 500) emulator.logger.warn({ err: error, model, method }, 'json2 call failed');
    sendJson2Error(res, odooError);
  }
}
