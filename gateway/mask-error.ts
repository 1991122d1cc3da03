import { GraphQLError } from 'graphql';
import type { Logger } from '../platform/logger.js';
import { errorCatalogue } from '../platform/graphql/error-catalogue.js';

/**
 * Codes that mean "something broke" rather than a stable, client-actionable condition: a subgraph's own
 * INTERNAL_SERVER_ERROR, and Hive's codes for a subgraph that is down or answered garbage.
 */
const UNEXPECTED_CODES = new Set([
  'INTERNAL_SERVER_ERROR',
  'DOWNSTREAM_SERVICE_ERROR',
  'SUBREQUEST_HTTP_ERROR',
]);
/** Extensions that describe our internals (transport request and response, stack) and never go out. */
const INTERNAL_EXTENSIONS = ['stacktrace', 'request', 'response', 'exception'];

function passesThrough(error: GraphQLError): boolean {
  const code = error.extensions.code;
  const original = error.originalError;
  // GraphQL's own parse, validation and variable errors (a variable's coercion error wraps another).
  if (code === undefined) return original === undefined || original instanceof GraphQLError;
  if (typeof code !== 'string' || UNEXPECTED_CODES.has(code)) return false;
  if ('request' in error.extensions || 'response' in error.extensions) return false; // transport failure
  return original === undefined || original instanceof GraphQLError;
}

function withoutInternals(error: GraphQLError): GraphQLError {
  if (!INTERNAL_EXTENSIONS.some((name) => name in error.extensions)) return error;
  const extensions = { ...error.extensions };
  for (const name of INTERNAL_EXTENSIONS) delete extensions[name];
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions,
  });
}

/**
 * Yoga's `maskError` for the gateway. An error with a stable `extensions.code` (set by a subgraph or by
 * us) passes through with its code, message and path, never overwritten; only internal extensions such
 * as a subgraph's stack trace are dropped. Anything else (a thrown value, a subgraph that is down or
 * answered garbage, a subgraph's INTERNAL_SERVER_ERROR) becomes 'Unexpected error.' with
 * INTERNAL_SERVER_ERROR, and the original is logged under the correlation id.
 */
/**
 * A subgraph's subscription results reach the gateway over graphql-ws as JSON: their errors are plain
 * `{ message, path, extensions }` objects, which become GraphQLErrors here so they are judged by their
 * code like any other subgraph error.
 */
function fromWire(error: unknown): unknown {
  if (error instanceof Error || typeof error !== 'object' || error === null) return error;
  const { message, path, extensions } = error as Record<string, unknown>;
  if (typeof message !== 'string') return error;
  return new GraphQLError(message, {
    path: Array.isArray(path) ? (path as (string | number)[]) : undefined,
    extensions:
      typeof extensions === 'object' && extensions !== null ? (extensions as Record<string, unknown>) : {},
  });
}

/**
 * A variable the client sent that does not fit its type is the client's mistake, and says so like any
 * other invalid argument (BAD_USER_INPUT); graphql-js gives it no code.
 */
export function coded(error: GraphQLError): GraphQLError {
  if (error.extensions.code !== undefined || !error.message.startsWith('Variable "$')) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: { ...error.extensions, code: 'BAD_USER_INPUT' },
  });
}

export function createMaskError(logger: Logger) {
  return (raw: unknown): Error => {
    const error = fromWire(raw);
    if (error instanceof GraphQLError && passesThrough(error)) return withoutInternals(coded(error));
    logger.error({ err: error }, 'unexpected error masked');
    const located = error instanceof GraphQLError ? error : undefined;
    return new GraphQLError(errorCatalogue.INTERNAL_SERVER_ERROR.message, {
      nodes: located?.nodes,
      source: located?.source,
      positions: located?.positions,
      path: located?.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  };
}
