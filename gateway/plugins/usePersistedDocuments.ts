import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { Principal } from '../../platform/auth/principal.js';
import { graphError } from '../../platform/graphql/graph-error.js';
import type { DgContext } from '../gateway-context.js';

export interface PersistedDocumentsOptions {
  /** The trusted documents by id (sha256 of the document, hex). Default none: only ad-hoc queries. */
  documents?: ReadonlyMap<string, string>;
  /**
   * Who is calling, found before the query is parsed or validated, so that a principal restricted to
   * persisted documents learns nothing from validation errors. Required to refuse ad-hoc queries early;
   * without it they are refused at execution (after validation).
   */
  principalOf?: (request: Request, connectionParams?: Record<string, unknown>) => Promise<Principal | null>;
}

/** The id of a persisted document in `params`: `documentId` (Hive, Relay) or APQ's `sha256Hash`. */
function documentIdOf(params: { extensions?: Record<string, unknown> } & Record<string, unknown>) {
  if (typeof params.documentId === 'string') return params.documentId.replace(/^sha256:/, '');
  const apq = params.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
  return typeof apq?.sha256Hash === 'string' ? apq.sha256Hash : null;
}

function required() {
  return graphError(
    'PERSISTED_DOCUMENT_REQUIRED',
    'This credential may only run persisted documents: send a documentId instead of a query.',
    { extensions: { http: { status: 403 } } },
  );
}

/**
 * Persisted (trusted) documents: a request may send `documentId` (or APQ's
 * `extensions.persistedQuery.sha256Hash`) instead of `query`, and the manifest supplies the document;
 * an unknown id is refused (PERSISTED_DOCUMENT_NOT_FOUND; clients cannot register documents). A principal
 * with `persistedOnly` is refused any ad-hoc query (PERSISTED_DOCUMENT_REQUIRED, 403) before it is
 * parsed, which is what stops a schema being rebuilt from validation errors. Register before the others.
 */
export function usePersistedDocuments(options: PersistedDocumentsOptions): GatewayPlugin<DgContext> {
  const documents = options.documents ?? new Map<string, string>();
  const persisted = new WeakSet<Request>();
  return {
    async onParams({ request, params, setParams, context }) {
      const id = documentIdOf(params as Parameters<typeof documentIdOf>[0]);
      if (id !== null) {
        const query = documents.get(id);
        if (query === undefined)
          throw graphError(
            'PERSISTED_DOCUMENT_NOT_FOUND',
            `No persisted document has the id ${id.slice(0, 80)}.`,
            {
              extensions: { http: { status: 400 } },
            },
          );
        persisted.add(request);
        const { operationName, variables, extensions } = params;
        setParams({ query, operationName, variables, extensions });
        return;
      }
      const connectionParams = (context as { connectionParams?: Record<string, unknown> } | undefined)
        ?.connectionParams;
      if ((await options.principalOf?.(request, connectionParams))?.persistedOnly) throw required();
    },
    onExecute({ args, setResultAndStopExecution }) {
      const context = args.contextValue as Partial<DgContext> & { request?: Request };
      if (!context.principal?.persistedOnly) return;
      if (context.request && persisted.has(context.request)) return;
      setResultAndStopExecution({ errors: [required()] });
    },
  };
}
