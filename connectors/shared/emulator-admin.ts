/** What the emulators' control planes (`/__emulator/*`) share: one error, JSON bodies, validation. */
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { readBodyText } from './http-io.js';

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
