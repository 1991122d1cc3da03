import type { IncomingMessage } from 'node:http';
import type { OdooException } from '../orm/exceptions.js';
import { readBodyText } from '../../../shared/http-io.js';
export { sendJson, sendText } from '../../../shared/http-io.js';

const MAX_BODY = 64 * 1024 * 1024;

/** Reads a request body as text, bounded like Odoo's `max_content_length` (see readBodyBytes). */
export function readBody(req: IncomingMessage): Promise<string> {
  return readBodyText(req, MAX_BODY);
}

/**
 * Odoo's `serialize_exception` (odoo/http.py): the exception's qualified name, message, args,
 * context and a traceback. The traceback is shaped like Python's, pointing at the emulator.
 */
export function serializeException(error: OdooException): Record<string, unknown> {
  const shortName = error.qualifiedName.startsWith('builtins.')
    ? error.qualifiedName.slice('builtins.'.length)
    : error.qualifiedName;
  return {
    name: error.qualifiedName,
    message: error.message,
    arguments: error.pyArgs,
    context: {},
    debug: `Traceback (most recent call last):\n  File "odoo-emulator", line 1, in <module>\n${shortName}: ${error.message}\n`,
  };
}
