import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { OdooEmulator } from '../emulator.js';
import {
  AccessDenied,
  HttpException,
  PyException,
  PyTypeError,
  toOdooException,
  type OdooException,
} from '../orm/exceptions.js';
import { pyRepr } from '../orm/values.js';
import { readBody, sendJson, serializeException } from './respond.js';
import { COMMON_VERSION } from './version.js';

const requestSchema = z.object({
  jsonrpc: z.literal('2.0').optional(),
  method: z.string().optional(),
  id: z.union([z.string(), z.number(), z.null()]).optional(),
  params: z.object({ service: z.string(), method: z.string(), args: z.array(z.unknown()).default([]) }),
});

/** JSON-RPC errors are HTTP 200 with Odoo's envelope (`JsonRPCDispatcher.handle_error`, odoo/http.py). */
function errorEnvelope(id: unknown, error: OdooException): Record<string, unknown> {
  const notFound = error instanceof HttpException && error.httpStatus === 404;
  return {
    jsonrpc: '2.0',
    id,
    error: {
      code: notFound ? 404 : 200,
      message: notFound ? '404: Not Found' : 'Odoo Server Error',
      data: serializeException(error),
    },
  };
}

/** Registry(db) on a database that does not exist fails in psycopg2 before anything else. */
function checkDatabase(emulator: OdooEmulator, db: unknown): void {
  if (db !== emulator.database) {
    throw new PyException(
      'psycopg2.OperationalError',
      `connection to server failed: FATAL:  database ${pyRepr(String(db)).replace(/'/g, '"')} does not exist\n`,
    );
  }
}

function common(emulator: OdooEmulator, method: string, args: unknown[]): unknown {
  switch (method) {
    case 'version':
      return COMMON_VERSION;
    case 'login':
    case 'authenticate': {
      const [db, login, password] = args;
      checkDatabase(emulator, db);
      return typeof login === 'string' && typeof password === 'string'
        ? emulator.authenticate(login, password)
        : false;
    }
    default:
      throw new PyException(
        'builtins.AttributeError',
        `module 'odoo.service.common' has no attribute 'exp_${method}'`,
      );
  }
}

function object(
  emulator: OdooEmulator,
  method: string,
  args: unknown[],
): { model: string; method: string; run: () => unknown } {
  if (method !== 'execute_kw' && method !== 'execute') {
    throw new PyException(
      'builtins.AttributeError',
      `module 'odoo.service.model' has no attribute 'exp_${method}'`,
    );
  }
  const [db, uid, password, model, modelMethod, ...rest] = args;
  if (typeof model !== 'string' || typeof modelMethod !== 'string')
    throw new PyTypeError(`${method}() missing required positional arguments`);
  return {
    model,
    method: modelMethod,
    run: () => {
      checkDatabase(emulator, db);
      // odoo/service/security.py `check`: the uid must be an active user whose password or API key matches.
      if (
        typeof uid !== 'number' ||
        typeof password !== 'string' ||
        !emulator.isActiveUser(uid) ||
        !emulator.credentials.check(uid, password)
      ) {
        throw new AccessDenied();
      }
      const positional =
        method === 'execute_kw' ? (Array.isArray(rest[0]) ? (rest[0] as unknown[]) : []) : rest;
      const kwargs =
        method === 'execute_kw' && typeof rest[1] === 'object' && rest[1] !== null
          ? (rest[1] as Record<string, unknown>)
          : {};
      return emulator.executeKw(uid, model, modelMethod, positional, kwargs);
    },
  };
}

/** `POST /jsonrpc`: services `common` (version, login, authenticate) and `object` (execute_kw, execute). */
export async function handleJsonRpc(
  req: IncomingMessage,
  res: ServerResponse,
  emulator: OdooEmulator,
): Promise<void> {
  let id: unknown = null;
  try {
    let raw: unknown;
    try {
      raw = JSON.parse(await readBody(req)) as unknown;
    } catch {
      sendJson(res, 400, {
        jsonrpc: '2.0',
        id: null,
        error: { code: 400, message: 'Invalid JSON data', data: {} },
      });
      return;
    }
    id = (raw as { id?: unknown } | null)?.id ?? null;
    const parsed = requestSchema.safeParse(raw);
    if (!parsed.success) throw new PyTypeError("jsonrpc() missing 1 required positional argument: 'service'");
    const { service, method, args } = parsed.data.params;
    let result: unknown;
    if (service === 'common') result = common(emulator, method, args);
    else if (service === 'object') {
      const call = object(emulator, method, args);
      await emulator.faults.delay(call.model, call.method);
      const injected = emulator.faults.failure(call.model, call.method);
      if (injected) throw injected;
      result = call.run();
      // Committed, but the client never hears of it (see `lostResponseRate` in faults.ts).
      if (emulator.faults.loseResponse(call.model, call.method)) return void res.destroy();
    } else throw new PyException('builtins.Exception', `Service ${service} is not available`);
    sendJson(res, 200, { jsonrpc: '2.0', id, result });
  } catch (error) {
    const odooError = toOdooException(error);
    if (odooError.httpStatus >= 500) emulator.logger.warn({ err: error }, 'jsonrpc call failed');
    sendJson(res, 200, errorEnvelope(id, odooError));
  }
}
