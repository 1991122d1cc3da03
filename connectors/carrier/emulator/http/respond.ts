import type { IncomingMessage } from 'node:http';
import { readBodyText } from '../../../shared/http-io.js';
export { sendBytes, sendJson } from '../../../shared/http-io.js';

const MAX_BODY = 1024 * 1024;

/** Reads a request body as text, bounded. */
export function readBody(req: IncomingMessage): Promise<string> {
  return readBodyText(req, MAX_BODY);
}
