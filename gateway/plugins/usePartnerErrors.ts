import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { errorCatalogue, type ErrorCode } from '../../platform/graphql/error-catalogue.js';
import type { DgContext } from '../gateway-context.js';
import { coded } from '../mask-error.js';

export interface PartnerErrorsOptions {
  /** Extensions a partner may see. Default `code`, `http`, `issues`, `missingScopes`, `coordinate`, `retryAfterSeconds`. */
  allowedExtensions?: readonly string[];
}

const DEFAULT_ALLOWED = ['code', 'http', 'issues', 'missingScopes', 'coordinate', 'retryAfterSeconds'];
/** Codes whose message may describe a connected system: a partner gets the catalogue's message. */
const OPAQUE: ReadonlySet<string> = new Set([
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_ERROR',
  'INTERNAL_SERVER_ERROR',
]);
/** URLs, host:port, IPv4 addresses and internal host names in a message. */
const LOOKS_INTERNAL =
  /[a-z][a-z0-9+.-]*:\/\/|\b\d{1,3}(?:\.\d{1,3}){3}\b|\blocalhost\b|\.internal\b|\b[\w-]+:\d{2,5}\b/i;

function isCatalogued(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(errorCatalogue, code);
}

/** What a partner sees of `error`: a catalogued code, no internal extension, no internal message. */
export function forPartner(raw: GraphQLError, allowed: ReadonlySet<string>): GraphQLError {
  const error = coded(raw);
  const code: ErrorCode = isCatalogued(error.extensions.code)
    ? error.extensions.code
    : 'INTERNAL_SERVER_ERROR';
  const opaque = OPAQUE.has(code) || code !== error.extensions.code || LOOKS_INTERNAL.test(error.message);
  const extensions: Record<string, unknown> = { code };
  for (const [name, value] of Object.entries(error.extensions))
    if (name !== 'code' && allowed.has(name)) extensions[name] = value;
  return new GraphQLError(opaque ? errorCatalogue[code].message : error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    // Kept for the log (the mask logs what it replaces); never serialized. A subgraph's subscription
    // results arrive over graphql-ws as plain objects, not errors: those are data, nothing to keep.
    originalError: error instanceof Error ? error : undefined,
    extensions,
  });
}

function cleaned(result: ExecutionResult, allowed: ReadonlySet<string>): ExecutionResult | null {
  if (!result.errors?.length) return null;
  return { ...result, errors: result.errors.map((error) => forPartner(error, allowed)) };
}

/**
 * Nothing internal reaches a partner: on a partner's (or an anonymous caller's) results, every error
 * keeps only a catalogued code (anything else becomes INTERNAL_SERVER_ERROR) and the extensions in
 * `allowedExtensions` (so no `upstreamCode`, `stacktrace` or subgraph transport details), and errors from
 * connected systems, or whose message names a URL or host, carry the catalogue's message instead.
 * Internal callers keep the details, which the mask already limits.
 */
export function usePartnerErrors(options: PartnerErrorsOptions = {}): GatewayPlugin<DgContext> {
  const allowed = new Set(options.allowedExtensions ?? DEFAULT_ALLOWED);
  type Done = { result: unknown; setResult: (result: ExecutionResult) => void };
  const onDone = ({ result, setResult }: Done) => {
    if (result && typeof result === 'object' && Symbol.asyncIterator in result) {
      return {
        onNext: (next: { result: ExecutionResult; setResult: (result: ExecutionResult) => void }) => {
          const clean = cleaned(next.result, allowed);
          if (clean) next.setResult(clean);
        },
      };
    }
    const clean = cleaned(result as ExecutionResult, allowed);
    if (clean) setResult(clean);
    return undefined;
  };
  const isInternal = (contextValue: unknown) =>
    (contextValue as Partial<DgContext>).principal?.kind === 'internal';
  return {
    onExecute: ({ args }) => (isInternal(args.contextValue) ? undefined : { onExecuteDone: onDone }),
    onSubscribe: ({ args }) => (isInternal(args.contextValue) ? undefined : { onSubscribeResult: onDone }),
  } as GatewayPlugin<DgContext>;
}
