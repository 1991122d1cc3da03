/** What the emulators' control planes (`/__emulator/*`) share: one error, JSON bodies, validation. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { readBodyText, sendJson } from './http-io.js';

/** A refusal of the control plane: `{ "error": message, "issues"?: [...] }` with this status. */
export class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues?: unknown,
  ) {
    super(message);
  }
}

/** The JSON body of an admin request (`{}` when empty); 400 when it is not JSON. */
export async function adminJsonBody(req: IncomingMessage, limit = 1024 * 1024): Promise<unknown> {
  const text = await readBodyText(req, limit);
  try {
    return text ? (JSON.parse(text) as unknown) : {};
  } catch {
    throw new AdminError(400, 'body is not JSON');
  }
}

/** Runs `run`, turning a zod or other error into a 400 that names the issues. */
export function validated<T>(run: () => T, what = 'invalid input'): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof z.ZodError) throw new AdminError(400, what, error.issues);
    if (error instanceof Error) throw new AdminError(400, error.message);
    throw error;
  }
}

/** `POST /__emulator/clock`: freeze or move the clock (`now`, null to release) and/or advance it. */
export const clockChangeSchema = z
  .object({ now: z.string().nullable().optional(), advanceMs: z.number().int().min(0).optional() })
  .strict();

/** Whether the request carries `Authorization: Bearer <expected>`. */
export function hasBearer(req: IncomingMessage, expected: string): boolean {
  const match = /^bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
  return match?.[1]?.trim() === expected;
}

/**
 * Answers one control-plane request: 401 without the admin key, else `route`'s answer as JSON; an
 * AdminError becomes its status with `{ error, issues? }`, anything else a logged 500.
 */
export async function serveAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  options: {
    adminKey: string;
    logger: { error(obj: object, msg: string): void };
    route: () => Promise<unknown>;
  },
): Promise<void> {
  try {
    if (!hasBearer(req, options.adminKey)) throw new AdminError(401, 'admin key required');
    sendJson(res, 200, await options.route());
  } catch (error) {
    if (error instanceof AdminError)
      sendJson(res, error.status, {
        error: error.message,
        ...(error.issues ? { issues: error.issues } : {}),
      });
    else {
      options.logger.error({ err: error }, 'admin endpoint failed');
      sendJson(res, 500, { error: 'internal error' });
    }
  }
}
