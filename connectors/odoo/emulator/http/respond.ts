import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OdooException } from '../orm/exceptions.js';

const MAX_BODY = 64 * 1024 * 1024;

/** Reads a request body as text (bounded, like Odoo's `max_content_length`). */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  contentType = 'text/plain; charset=utf-8',
): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
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
