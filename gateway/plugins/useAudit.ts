import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import {
  buildASTSchema,
  getOperationAST,
  Kind,
  OperationTypeNode,
  parse,
  print,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFormattedError,
} from 'graphql';
import type { AuditLog, NewAuditEvent } from '../../platform/audit/audit-log.js';
import { apiKeyPrefix } from '../../platform/auth/api-key.js';
import { authorizationRulesOf } from '../../platform/auth/authorization-rules.js';
import { DeniedFieldsMemo } from '../../platform/auth/denied-fields-memo.js';
import type { Principal } from '../../platform/auth/principal.js';
import { currentCorrelationId } from '../../platform/correlation.js';
import { credentialFromHeaders } from '../auth/credentials.js';
import { clientAddressOf } from '../client-address.js';
import type { DgContext } from '../gateway-context.js';

export interface AuditOptions {
  /** Where events go. Required. */
  audit: AuditLog;
  /** The supergraph SDL: partner reads of its `@requiresScopes` fields are audited. Required. */
  supergraphSdl: string;
  /** Codes audited as denials. Default UNAUTHENTICATED, FORBIDDEN, RATE_LIMITED, LIMIT_EXCEEDED, PERSISTED_DOCUMENT_REQUIRED. */
  deniedCodes?: readonly string[];
}

const DEFAULT_DENIED = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'LIMIT_EXCEEDED',
  'PERSISTED_DOCUMENT_REQUIRED',
];
/** Arguments that name an entity, recorded with a mutation. */
/** A caller with no scopes: what it may not read is what the audit calls sensitive. */
const NO_SCOPES = Object.freeze({ scopes: Object.freeze<string[]>([]) });
const KEY_ARGUMENT = /^(id|.*Id|number|sku|code|reference|prefix)$/;

interface Seen {
  principal?: Principal | null;
  correlationId?: string;
  document?: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown>;
  sensitive?: string[];
  /** The query text, parsed only when an operation refused before execution is audited. */
  query?: string;
}

function parsed(query: string | undefined): DocumentNode | undefined {
  try {
    return query === undefined ? undefined : parse(query);
  } catch {
    return undefined;
  }
}

function operationOf(document: DocumentNode | undefined, name: string | null | undefined) {
  const operation = document && getOperationAST(document, name);
  return { name: operation?.name?.value ?? name ?? null, type: operation?.operation ?? null };
}

/** `Mutation.field(key: value)` for each root field of a mutation, with its entity-naming arguments. */
function mutationEntities(
  document: DocumentNode,
  name: string | null | undefined,
  variables: Record<string, unknown>,
) {
  const operation = getOperationAST(document, name);
  if (operation?.operation !== OperationTypeNode.MUTATION) return [];
  return operation.selectionSet.selections.flatMap((selection) => {
    if (selection.kind !== Kind.FIELD) return [];
    const keys = (selection.arguments ?? [])
      .filter((argument) => KEY_ARGUMENT.test(argument.name.value))
      .map((argument) => {
        const value =
          argument.value.kind === Kind.VARIABLE
            ? JSON.stringify(variables[argument.value.name.value])
            : print(argument.value);
        return `${argument.name.value}: ${value}`;
      });
    return [`Mutation.${selection.name.value}${keys.length ? `(${keys.join(', ')})` : ''}`];
  });
}

function principalPart(principal: Principal | null | undefined): NewAuditEvent['principal'] {
  if (!principal) return { kind: 'anonymous', id: null, tenant: null };
  return {
    kind: principal.kind,
    id: principal.id,
    tenant: principal.kind === 'partner' ? principal.tenantPartnerId : null,
  };
}

/**
 * The audit trail of the gateway: every mutation (allowed or failed), every denied access (the codes in
 * `deniedCodes`, wherever they were raised) and every partner operation that selects a `@requiresScopes`
 * field becomes one event in the {@link AuditLog}. Events are written when the HTTP result is ready; a
 * graphql-ws operation is written when it has run. Register it first, so it sees every result.
 */
export function useAudit(options: AuditOptions): GatewayPlugin<DgContext> {
  const schema = buildASTSchema(parse(options.supergraphSdl), { assumeValidSDL: true });
  const deniedToNoScopes = new DeniedFieldsMemo(schema, authorizationRulesOf(schema));
  const denied = new Set(options.deniedCodes ?? DEFAULT_DENIED);
  const seen = new WeakMap<Request, Seen>();
  const sensitiveOf = (args: ExecutionArgs, principal: Principal | null) =>
    principal?.kind === 'internal'
      ? []
      : deniedToNoScopes.deniedFields(args.document, args.operationName, NO_SCOPES).map((d) => d.coordinate);

  const eventFor = (
    request: Request | undefined,
    state: Seen,
    errors: readonly (GraphQLFormattedError | Error)[],
    clientAddress: string | null,
  ): NewAuditEvent | null => {
    const codes = errors.map((error) => (error as { extensions?: { code?: unknown } }).extensions?.code);
    const deniedCode = codes.find((code): code is string => typeof code === 'string' && denied.has(code));
    const document = state.document ?? (deniedCode ? parsed(state.query) : undefined);
    const operation = operationOf(document, state.operationName);
    const sensitive = [...new Set(state.sensitive ?? [])];
    const isMutation = operation.type === OperationTypeNode.MUTATION;
    if (!deniedCode && !isMutation && sensitive.length === 0) return null;
    const failedCode = codes.find((code): code is string => typeof code === 'string');
    const credential = request ? credentialFromHeaders(request.headers) : { kind: 'none' as const };
    return {
      principal: principalPart(state.principal),
      keyPrefix: credential.kind === 'key' ? apiKeyPrefix(credential.key) : null,
      operation,
      outcome: deniedCode ? 'denied' : errors.length > 0 && isMutation ? 'failed' : 'allowed',
      code: deniedCode ?? (errors.length > 0 ? (failedCode ?? null) : null),
      reason: deniedCode || errors.length > 0 ? ((errors[0] as { message?: string }).message ?? null) : null,
      entities: [
        ...(document ? mutationEntities(document, state.operationName, state.variables ?? {}) : []),
        ...sensitive,
      ],
      correlationId: state.correlationId ?? currentCorrelationId() ?? null,
      clientAddress,
    };
  };

  const remember = (args: ExecutionArgs) => {
    const context = args.contextValue as Partial<DgContext> & {
      request?: Request;
      connectionParams?: unknown;
    };
    const state: Seen = {
      principal: context.principal ?? null,
      correlationId: context.correlationId,
      document: args.document,
      operationName: args.operationName,
      variables: args.variableValues ?? {},
      sensitive: sensitiveOf(args, context.principal ?? null),
    };
    if (context.request) seen.set(context.request, state);
    return { state, overWebSocket: context.connectionParams !== undefined && 'socket' in context };
  };

  return {
    onParams({ request, params }) {
      const query = typeof params.query === 'string' ? params.query : undefined;
      seen.set(request, { operationName: params.operationName ?? null, query });
    },
    onContextBuilding() {
      return ({ context }) => {
        const request = (context as { request?: Request }).request;
        const state = request && seen.get(request);
        if (state)
          Object.assign(state, { principal: context.principal, correlationId: context.correlationId });
      };
    },
    onExecute({ args }) {
      const { state, overWebSocket } = remember(args);
      if (!overWebSocket) return;
      return {
        onExecuteDone({ result }) {
          if (!result || Symbol.asyncIterator in result) return;
          const errors: readonly GraphQLFormattedError[] = (result as ExecutionResult).errors ?? [];
          const event = eventFor(undefined, state, errors, null);
          if (event) void options.audit.record(event);
        },
      };
    },
    onSubscribe({ args }) {
      remember(args);
    },
    async onResultProcess({ request, result, serverContext }) {
      if (Array.isArray(result) || Symbol.asyncIterator in result) return;
      const state = seen.get(request) ?? {};
      const event = eventFor(request, state, result.errors ?? [], clientAddressOf(serverContext));
      if (event) await options.audit.record(event);
    },
  };
}
