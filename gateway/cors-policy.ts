import { CORRELATION_HEADER } from '../platform/correlation.js';

/** The subset of Yoga's CORS options this policy returns. */
export interface CorsDecision {
  origin: string[];
  credentials: boolean;
  methods: string[];
  allowedHeaders: string[];
  exposedHeaders: string[];
  maxAge: number;
}

export interface CorsPolicyOptions {
  /** Origins (scheme://host[:port]) allowed besides the gateway's own. Default: none. */
  allowedOrigins?: readonly string[];
}

/**
 * Replaces Yoga's default CORS, which reflects any origin and allows credentials. An allowed origin (a
 * configured one, or the gateway's own) gets exactly itself back; any other origin gets no CORS headers at
 * all, so its browser refuses to share the answer. Credentials are never allowed: callers authenticate
 * with API keys in headers, not cookies, so a page cannot borrow a user's ambient session.
 */
export function corsPolicy(options: CorsPolicyOptions = {}) {
  const allowed = new Set(options.allowedOrigins ?? []);
  return (request: Request): CorsDecision | false => {
    const origin = request.headers.get('origin');
    if (!origin) return false;
    if (!allowed.has(origin) && origin !== new URL(request.url).origin) return false;
    return {
      origin: [origin],
      credentials: false,
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: [
        'content-type',
        'authorization',
        'x-api-key',
        CORRELATION_HEADER,
        'apollo-require-preflight',
      ],
      exposedHeaders: [CORRELATION_HEADER],
      maxAge: 600,
    };
  };
}
