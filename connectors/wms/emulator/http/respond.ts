import type { IncomingMessage } from 'node:http';
import { readBodyText } from '../../../shared/http-io.js';
export { sendJson, sendText } from '../../../shared/http-io.js';
export { hasBearer } from '../../../shared/emulator-admin.js';

const MAX_BODY = 8 * 1024 * 1024;

/** Reads a request body as text, bounded. */
export function readBody(req: IncomingMessage): Promise<string> {
  return readBodyText(req, MAX_BODY);
}
