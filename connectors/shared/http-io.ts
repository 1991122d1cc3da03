import type { IncomingMessage, OutgoingHttpHeader, ServerResponse } from 'node:http';

/** A body over the reader's limit; nothing past the limit was kept. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Reads a request body, refusing it (BodyTooLargeError) once it passes `limit` bytes; the request is then
 * destroyed. Rejects with the stream's error if it fails, or an error if it closes before its end.
 * Through the stream's events rather than its async iterator, which costs several times more per request.
 */
export function readBodyBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
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
      } else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) settle(new BodyTooLargeError(limit));
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

/** {@link readBodyBytes} as UTF-8 text. */
export async function readBodyText(req: IncomingMessage, limit: number): Promise<string> {
  return (await readBodyBytes(req, limit)).toString('utf8');
}

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Writes a whole answer in one `end`: the headers as a flat name/value list (no header object to merge
 * or copy) and the body, so node:http sends the head and the body together.
 */
function answer(
  res: ServerResponse,
  status: number,
  head: OutgoingHttpHeader[],
  body: string | Buffer,
): void {
  res.writeHead(status, head);
  res.end(body);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers?: Record<string, string>,
): void {
  const text = JSON.stringify(body);
  const head: OutgoingHttpHeader[] = ['Content-Type', JSON_TYPE, 'Content-Length', Buffer.byteLength(text)];
  if (headers) {
    for (const name in headers) {
      const lower = name.toLowerCase();
      // A caller's header replaces ours of the same name, as the spread of the header object did.
      const at = lower === 'content-type' ? 0 : lower === 'content-length' ? 2 : -1;
      if (at >= 0) head.splice(at, 2, name, headers[name]!);
      else head.push(name, headers[name]!);
    }
  }
  answer(res, status, head, text);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  contentType = 'text/plain; charset=utf-8',
): void {
  answer(res, status, ['Content-Type', contentType, 'Content-Length', Buffer.byteLength(text)], text);
}

export function sendBytes(res: ServerResponse, status: number, body: Buffer, contentType: string): void {
  answer(res, status, ['Content-Type', contentType, 'Content-Length', body.length], body);
}

/** A request target the URL parser would leave as it is: segments of plain characters, none `.` or `..`, no query. */
const PLAIN_PATH = /^\/(?:[\w-][\w.-]*(?:\/[\w-][\w.-]*)*\/?)?$/;

const NO_QUERY: URLSearchParams = new URLSearchParams();

/** What a handler reads of its request's URL. */
export interface RequestTarget {
  pathname: string;
  /** Read only: a plain path's query is one shared empty instance. */
  searchParams: URLSearchParams;
}

/**
 * The request target's path and query as `new URL(target, base)` reads them, without parsing the plain
 * paths clients send (their query is empty, and must not be changed).
 */
export function requestTarget(target: string | undefined): RequestTarget {
  const url = target ?? '/';
  return PLAIN_PATH.test(url) ? { pathname: url, searchParams: NO_QUERY } : new URL(url, 'http://emulator');
}

/** The request target's path as `new URL` reads it (see {@link requestTarget}). */
export function requestPath(target: string | undefined): string {
  const url = target ?? '/';
  return PLAIN_PATH.test(url) ? url : new URL(url, 'http://emulator').pathname;
}
