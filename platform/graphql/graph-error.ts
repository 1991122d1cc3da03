import { GraphQLError } from 'graphql';
import { errorCatalogue, type ErrorCode } from './error-catalogue.js';

/** A GraphQL error with a catalogued code; the message defaults to the catalogue's. */
export function graphError(
  code: ErrorCode,
  message: string = errorCatalogue[code].message,
  options: { cause?: unknown; extensions?: Record<string, unknown> } = {},
): GraphQLError {
  return new GraphQLError(message, {
    originalError: options.cause instanceof Error ? options.cause : undefined,
    extensions: { ...options.extensions, code },
  });
}
