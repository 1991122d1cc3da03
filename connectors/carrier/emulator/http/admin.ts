/**
 * The emulator's control plane, not part of EasyPost. Every endpoint needs `Authorization: bearer
 * <admin key>` (401 otherwise) and answers JSON; bad input is 400 `{ "error": "...", "issues": [...] }`.
 *
 *   GET    /__emulator/faults     current fault configuration
 *   POST   /__emulator/faults     replace it (body: see `faultsSchema` in faults.ts), answers the new one
 *   DELETE /__emulator/faults     back to no faults
 *   GET    /__emulator/clock      `{ "now": ISO, "frozen": bool }`
 *   POST   /__emulator/clock      body `{ "now": ISO | null }` (freeze/move or release) and/or
 *                                 `{ "advanceMs": n }`; trackers then announce what changed by webhook
 *   GET    /__emulator/calls      API calls since the last reset: `{ total, byRoute: { "POST /v2/shipments": n } }`
 *   DELETE /__emulator/calls      reset those counts
 *   GET    /__emulator/webhooks   the last webhook delivery attempts
 *   GET    /__emulator/info       API key hint, carriers and services, step, exception rate
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  AdminError,
  adminJsonBody,
  clockChangeSchema,
  serveAdmin,
  validated,
} from '../../../shared/emulator-admin.js';
import { CARRIERS } from '../carriers.js';
import type { CarrierEmulator } from '../emulator.js';
import { iso } from '../render.js';

function clockState(emulator: CarrierEmulator) {
  return { now: iso(emulator.now()), frozen: emulator.clock.isFrozen };
}

async function route(req: IncomingMessage, emulator: CarrierEmulator, path: string): Promise<unknown> {
  const method = req.method ?? 'GET';
  switch (`${method} ${path}`) {
    case 'GET faults':
      return emulator.faults.config;
    case 'POST faults':
    case 'PUT faults': {
      const body = await adminJsonBody(req);
      return validated(() => emulator.faults.configure(body));
    }
    case 'DELETE faults':
      return emulator.faults.configure({});
    case 'GET clock':
      return clockState(emulator);
    case 'POST clock': {
      const body = await adminJsonBody(req);
      validated(() => {
        const { now, advanceMs } = clockChangeSchema.parse(body);
        if (now !== undefined) emulator.clock.set(now);
        if (advanceMs !== undefined) emulator.clock.advance(advanceMs);
      });
      emulator.tick();
      return clockState(emulator);
    }
    case 'GET calls':
      return { total: emulator.calls.total(), byRoute: emulator.calls.snapshot() };
    case 'DELETE calls':
      emulator.calls.reset();
      return { total: 0, byRoute: {} };
    case 'GET webhooks':
      return { attempts: emulator.webhooks.attempts };
    case 'GET info':
      return {
        api: '/v2 (EasyPost v2, Basic auth with the API key as user name)',
        stepMs: emulator.stepMs,
        exceptionRate: emulator.exceptionRate,
        seed: emulator.seed,
        carriers: CARRIERS.map((spec) => ({
          carrier: spec.carrier,
          carrierAccountId: spec.accountId,
          services: spec.services.map((service) => service.service),
        })),
        ...clockState(emulator),
      };
    default:
      throw new AdminError(404, `no admin endpoint ${method} /__emulator/${path}`);
  }
}

/** Serves `/__emulator/<path>` for holders of the admin key. */
export function handleAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  emulator: CarrierEmulator,
  adminKey: string,
  path: string,
): Promise<void> {
  return serveAdmin(req, res, { adminKey, logger: emulator.logger, route: () => route(req, emulator, path) });
}
