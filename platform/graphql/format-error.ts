import type { GraphQLFormattedError } from 'graphql';
import { OdooError } from '../../connectors/odoo/errors.js';
import type { Logger } from '../logger.js';
import { errorCatalogue, type ErrorCode } from './error-catalogue.js';

const UPSTREAM_UNAVAILABLE_CODES = new Set(['ODOO_UNAVAILABLE', 'ODOO_CIRCUIT_OPEN']);
/** Apollo Server's own request-level codes, which describe the request rather than a fault of ours. */
const REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

function isCatalogued(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(errorCatalogue, code);
}

/**
 * The one boundary where thrown values become what a client sees. Catalogued codes pass through; a
 * connector failure becomes UPSTREAM_UNAVAILABLE or UPSTREAM_ERROR (its own code kept as `upstreamCode`
 * for operators); GraphQL's own validation errors keep their code; anything else is masked as
 * INTERNAL_SERVER_ERROR and logged with its stack.
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = (error as { originalError?: unknown } | undefined)?.originalError ?? error;
    if (original instanceof OdooError) {
      const code: ErrorCode = UPSTREAM_UNAVAILABLE_CODES.has(original.code)
        ? 'UPSTREAM_UNAVAILABLE'
        : 'UPSTREAM_ERROR';
      logger.warn({ err: original, path: formatted.path }, 'Odoo call failed');
      return {
        message: errorCatalogue[code].message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code, upstream: 'odoo', upstreamCode: original.code },
      };
    }
    const code = formatted.extensions?.code;
    // Apollo Server gives INTERNAL_SERVER_ERROR to any error thrown without a code, before this runs:
    // that code is never passed through, or a raw message (and no stack in the logs) would go out.
    const expected = code !== 'INTERNAL_SERVER_ERROR' && isCatalogued(code);
    if (expected || (typeof code === 'string' && REQUEST_CODES.has(code))) return formatted;
    logger.error({ err: original, path: formatted.path }, 'unexpected error');
    return {
      message: errorCatalogue.INTERNAL_SERVER_ERROR.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
