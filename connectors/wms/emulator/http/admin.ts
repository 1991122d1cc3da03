/**
 * The emulator's control plane, not part of ShipHero. Every endpoint needs `Authorization: Bearer <admin key>`
 * (401 otherwise) and answers JSON; bad input is 400 `{ "error": "...", "issues": [...] }`.
 *
 *   GET    /__emulator/faults     current fault configuration
 *   POST   /__emulator/faults     replace it (body: see `faultsSchema` in faults.ts), answers the new one
 *   DELETE /__emulator/faults     back to no faults
 *   GET    /__emulator/clock      `{ "now": ISO, "frozen": bool }`
 *   POST   /__emulator/clock      body `{ "now"?: ISO | null, "advanceMs"?: n }`: freeze/move/release, then advance
 *   GET    /__emulator/calls      GraphQL requests since the last reset: `{ requests, byField: { orders: n } }`
 *   DELETE /__emulator/calls      reset those counts
 *   GET    /__emulator/webhooks   registered webhooks (without secrets) and recent deliveries
 *   GET    /__emulator/info       warehouses, step, order count, credit settings
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  AdminError,
  adminJsonBody,
  clockChangeSchema,
  serveAdmin,
  validated,
} from '../../../shared/emulator-admin.js';
import type { WmsEmulator } from '../emulator.js';

function clockState(emulator: WmsEmulator) {
  return { now: emulator.clock.nowIso(), frozen: emulator.clock.isFrozen };
}

async function route(req: IncomingMessage, emulator: WmsEmulator, path: string): Promise<unknown> {
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
      return clockState(emulator);
    }
    case 'GET calls':
      return emulator.calls.snapshot();
    case 'DELETE calls':
      emulator.calls.reset();
      return emulator.calls.snapshot();
    case 'GET webhooks':
      return {
        webhooks: emulator.webhooks().map(({ secret: _secret, ...webhook }) => webhook),
        deliveries: emulator.dispatcher.deliveries(),
      };
    case 'GET info':
      return {
        warehouses: emulator.warehouses,
        stepMs: emulator.stepMs,
        orders: emulator.orderCount(),
        credits: { max: emulator.credits.maxCredits, perSecond: emulator.credits.creditsPerSecond },
        clock: clockState(emulator),
      };
    default:
      throw new AdminError(404, `no admin endpoint ${method} /__emulator/${path}`);
  }
}

/** Serves `/__emulator/<path>` for holders of the admin key. */
export function handleAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  emulator: WmsEmulator,
  adminKey: string,
  path: string,
): Promise<void> {
  return serveAdmin(req, res, { adminKey, logger: emulator.logger, route: () => route(req, emulator, path) });
}
