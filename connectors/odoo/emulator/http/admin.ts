/**
 * The emulator's control plane, not part of Odoo. Every endpoint needs `Authorization: bearer <admin key>`
 * (401 otherwise) and answers JSON; bad input is 400 `{ "error": "...", "issues": [...] }`.
 *
 *   GET    /__emulator/faults     current fault configuration
 *   POST   /__emulator/faults     replace it (body: see `faultsSchema` in faults.ts), answers the new one
 *   DELETE /__emulator/faults     back to no faults
 *   GET    /__emulator/webhooks   current automation webhook rules
 *   POST   /__emulator/webhooks   replace them (body: array, see `webhookRuleSchema` in webhooks.ts)
 *   GET    /__emulator/clock      `{ "now": "YYYY-MM-DD HH:MM:SS", "frozen": bool }`
 *   POST   /__emulator/clock      body `{ "now": "YYYY-MM-DD HH:MM:SS" | null }`: freeze/move or release the clock
 *   GET    /__emulator/info       database, bot login, models
 *   GET    /__emulator/calls      RPC calls served since the last reset: `{ total, byMethod: { "model.method": n } }`
 *   DELETE /__emulator/calls      reset those counts
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  AdminError,
  adminJsonBody,
  serveAdmin,
  validated as validatedAs,
} from '../../../shared/emulator-admin.js';
import type { OdooEmulator } from '../emulator.js';

const clockSchema = z.object({ now: z.string().nullable() }).strict();

const validated = <T>(run: () => T): T => validatedAs(run, 'invalid configuration');

async function route(req: IncomingMessage, emulator: OdooEmulator, path: string): Promise<unknown> {
  const method = req.method ?? 'GET';
  switch (`${method} ${path}`) {
    case 'GET faults':
      return emulator.faults.config;
    case 'POST faults':
    case 'PUT faults': {
      const body = await adminJsonBody(req);
      return validated(() => emulator.faults.configure(body as never));
    }
    case 'DELETE faults':
      return emulator.faults.configure({});
    case 'GET webhooks':
      return emulator.webhooks.getRules();
    case 'POST webhooks':
    case 'PUT webhooks': {
      const body = await adminJsonBody(req);
      return validated(() => emulator.webhooks.setRules(body));
    }
    case 'GET clock':
      return { now: emulator.now(), frozen: emulator.clock.isFrozen };
    case 'POST clock': {
      const body = await adminJsonBody(req);
      validated(() => emulator.setNow(clockSchema.parse(body).now));
      return { now: emulator.now(), frozen: emulator.clock.isFrozen };
    }
    case 'GET calls':
      return { total: emulator.calls.total(), byMethod: emulator.calls.snapshot() };
    case 'DELETE calls':
      emulator.calls.reset();
      return { total: 0, byMethod: {} };
    case 'GET info':
      return { database: emulator.database, login: emulator.login, models: emulator.registry.names() };
    default:
      throw new AdminError(404, `no admin endpoint ${method} /__emulator/${path}`);
  }
}

/** Serves `/__emulator/<path>` for holders of the admin key. */
export function handleAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  emulator: OdooEmulator,
  adminKey: string,
  path: string,
): Promise<void> {
  return serveAdmin(req, res, { adminKey, logger: emulator.logger, route: () => route(req, emulator, path) });
}
