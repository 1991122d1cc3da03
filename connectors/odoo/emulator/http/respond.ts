import type { IncomingMessage } from 'node:http';
import type { OdooException } from '../orm/exceptions.js';
import { BodyTooLargeError } from '../../../shared/http-io.js';
export { sendJson, sendText } from '../../../shared/http-io.js';

const MAX_BODY = 64 * 1024 * 1024;

/**
 * Reads a request body as text (bounded, like Odoo's `max_content_length`): a BodyTooLargeError past
 * the limit (the request is then destroyed), the stream's error if it fails, an error if it closes
 * before its end. Through the stream's events rather than its async iterator, which costs several
 * times more per request.
 */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (error?: Error): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', settle);
      req.off('close', onClose);
      if (error) {
        req.destroy();
        reject(error);
      } else resolve(Buffer.concat(chunks, size).toString('utf8'));
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_BODY) settle(new BodyTooLargeError(MAX_BODY));
      else chunks.push(chunk);
    };
    const onEnd = (): void => settle();
    const onClose = (): void => settle(new Error('request closed before its body ended'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', settle);
    req.on('close', onClose);
  });
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
