import type { IncomingMessage } from 'node:http';

/** Transport-level checks made before the GraphQL runtime sees a request. */
export interface RequestGuardOptions {
  /** Largest POST body accepted. Default 100 kB: the largest example operation is under 2 kB. */
  maxBodyBytes?: number;
}

export const DEFAULT_MAX_BODY_BYTES = 100_000;

/** Content types a browser cannot send cross-site without a CORS preflight. */
const PREFLIGHTED_TYPES = [
  'application/json',
  'application/graphql+json',
  'application/graphql-response+json',
];
/** Headers that prove a preflighted request, as Apollo and Yoga clients send them. */
const PREFLIGHT_HEADERS = ['x-graphql-csrf', 'apollo-require-preflight', 'x-apollo-operation-name'];

export interface Refusal {
  status: number;
  message: string;
}

/**
 * Why `req` is refused, or null. A POST must say how long it is and stay under the limit (nothing is
 * read from a body that is too big), and must be JSON or carry a preflight header: a form, text/plain
 * or multipart POST is what a cross-site page can send without asking, so it is refused (CSRF).
 */
export function refuseRequest(req: IncomingMessage, options: RequestGuardOptions = {}): Refusal | null {
  if (req.method !== 'POST') return null;
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const length = req.headers['content-length'];
  if (length === undefined) return { status: 411, message: 'A POST must carry Content-Length.' };
  if (!/^\d+$/.test(length) || Number(length) > limit)
    return { status: 413, message: `The request body is larger than ${limit} bytes.` };
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (PREFLIGHTED_TYPES.includes(type)) return null;
  if (PREFLIGHT_HEADERS.some((header) => req.headers[header] !== undefined)) return null;
  return {
    status: 415,
    message: `Content-Type ${type || '(none)'} needs a preflight header (e.g. x-graphql-csrf: 1); send application/json.`,
  };
}
