import { useResponseCache as useEnvelopResponseCache, type Cache } from '@envelop/response-cache';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import {
  getOperationAST,
  Kind,
  OperationTypeNode,
  print,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { createHash } from 'node:crypto';
import { channel } from 'node:diagnostics_channel';
import type { Principal } from '../../platform/auth/principal.js';
import type { DgContext } from '../gateway-context.js';
import { listTag, TENANT_LISTS } from '../../platform/cache/response-cache-tags.js';
import type { ResponseCacheStore } from './useResponseCacheStore.js';
import { DEFAULT_RESPONSE_CACHE_TTL, DEFAULT_RESPONSE_CACHE_TTLS } from './useResponseCacheTtls.js';

export interface ResponseCacheOptions {
  /** Where responses are kept (Redis). Required. */
  store: ResponseCacheStore;
  /** Seconds per type, over {@link DEFAULT_RESPONSE_CACHE_TTLS}; 0: responses with it are not cached. */
  ttls?: Readonly<Record<string, number>>;
  /** Seconds for a response holding none of the listed types. Default 60. */
  defaultTtl?: number;
}

/**
 * The fields that identify an entity in cache tags: the business keys events carry (order and invoice
 * numbers, SKUs, tracking numbers, warehouse codes, a fulfilment's order number). A type's first field
 * (in schema order) among them is its key; types with none (Customer, OrderLine...) are tagged by nothing
 * but the lists they are in, and live as long as their TTL.
 */
export const RESPONSE_CACHE_KEY_FIELDS = ['number', 'sku', 'trackingNumber', 'code', 'orderNumber'];

/**
 * Whose answer a response is: a partner's is shared by callers of the same tenant, partner kind and
 * scopes (what the subgraphs decide visibility by); an internal caller's is its own.
 */
export function responseCacheSession(principal: Principal): string {
  const scopes = [...principal.scopes].sort().join(' ');
  return principal.kind === 'partner'
    ? `partner|${principal.partnerKind}|${principal.tenantPartnerId}|${scopes}`
    : `internal|${principal.id}|${scopes}`;
}

/** The `Type.field` coordinates an operation selects, at any depth. */
function coordinatesOf(schema: GraphQLSchema, document: DocumentNode): Set<string> {
  const typeInfo = new TypeInfo(schema);
  const coordinates = new Set<string>();
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      [Kind.FIELD]: (node) => {
        const parent = typeInfo.getParentType();
        if (parent) coordinates.add(`${parent.name}.${node.name.value}`);
      },
    }),
  );
  return coordinates;
}

/** Where cache lookups are reported for the metrics (`dg_cache_lookups_total{cache="response"}`). */
const cacheLookups = channel('dg:cache-lookup');

interface RequestState {
  /** When its execution began (`performance.now()`), for the store's invalidation race check. */
  startedAt: number;
  /** Tags of the tenant lists it selects, e.g. `Query.orders@7`. */
  listTags: string[];
  /** Its first root field, which labels its lookups in the metrics. */
  rootField: string;
}

/**
 * The response cache (issue 8): query results in Redis per caller, by document, operation name and
 * variables (as sent: the same variables in another order are another key), built on envelop's response cache (which collects each result's entities and TTL by type).
 *
 * - Keys: partners share by tenant, partner kind and scopes; internal callers get their own; anonymous
 *   callers are never cached. Two partners never share an answer.
 * - Only queries without errors are cached, never mutations (whose results evict the entities they
 *   return) or subscriptions, nor introspection. TTL: the shortest of the types in the response.
 * - Tags: each entity by business key (`Order:S00042`, `Product:SKU-1`, see
 *   {@link RESPONSE_CACHE_KEY_FIELDS}) and each tenant list (`Query.orders@7`), which events evict.
 * - Redis down: no caching, no errors (see ResponseCacheStore).
 *
 * Register it after authentication, authorization and rate limits, so a hit passes them too; it is two
 * plugins (spread them).
 */
/** Deletes `__responseCacheId: null` throughout `data`, in place. */
function dropNullIds(data: unknown): void {
  if (Array.isArray(data)) {
    for (const item of data) dropNullIds(item);
    return;
  }
  if (data === null || typeof data !== 'object') return;
  const record = data as Record<string, unknown>;
  if ('__responseCacheId' in record && record.__responseCacheId == null) delete record.__responseCacheId;
  for (const value of Object.values(record))
    if (value !== null && typeof value === 'object') dropNullIds(value);
}

export function useResponseCache(options: ResponseCacheOptions): GatewayPlugin<DgContext>[] {
  const { store } = options;
  const ttls = { ...DEFAULT_RESPONSE_CACHE_TTLS, ...options.ttls };
  const requests = new WeakMap<object, RequestState>();
  /** Per document: the tenant lists it selects and its first root field. */
  const shapes = new WeakMap<DocumentNode, { lists: string[]; rootField: string }>();
  const tenantOf = (context: Partial<DgContext>) =>
    context.principal?.kind === 'partner' ? context.principal.tenantPartnerId : 'internal';

  const cacheFor = (context: Partial<DgContext> & object): Cache => ({
    async get(key) {
      const cached = await store.get(key);
      if (context.callBudget) context.callBudget.responseCacheHit = cached !== null;
      if (cacheLookups.hasSubscribers) {
        const type = requests.get(context)?.rootField ?? 'query';
        cacheLookups.publish({ cache: 'response', type, result: cached === null ? 'miss' : 'hit' });
      }
      return cached;
    },
    set(key, result, entities, ttl) {
      const state = requests.get(context);
      if (!state || result.data == null) return;
      const tags = [...state.listTags];
      for (const { typename, id } of entities) if (id !== undefined) tags.push(`${typename}:${id}`);
      // Only the data: extensions belong to the one answer (call budget, cache status).
      void store.set(key, { data: result.data }, tags, ttl, state.startedAt);
    },
    invalidate(entities) {
      const tags: string[] = [];
      for (const { typename, id } of entities) if (id !== undefined) tags.push(`${typename}:${id}`);
      void store.invalidate(tags);
    },
  });

  const envelopPlugin = useEnvelopResponseCache<Partial<DgContext>>({
    cache: cacheFor,
    session: (context) => (context.principal ? responseCacheSession(context.principal) : null),
    enabled: (context) => Boolean(context.principal) && store.usable,
    ttl: (options.defaultTtl ?? DEFAULT_RESPONSE_CACHE_TTL) * 1000,
    ttlPerSchemaCoordinate: Object.fromEntries(
      Object.entries(ttls).map(([type, seconds]) => [type, seconds * 1000]),
    ),
    idFields: RESPONSE_CACHE_KEY_FIELDS,
    invalidateViaMutation: true,
    // The query as sent (Yoga keeps it in `params`): no printing on the hit path.
    getDocumentString: (args: ExecutionArgs) =>
      (args.contextValue as { params?: { query?: string } }).params?.query ?? print(args.document),
    // Synchronous SHA-256 (node:crypto) instead of envelop's WebCrypto one: cheaper on the hit path.
    buildResponseCacheKey: ({ documentString, operationName, variableValues, sessionId }) =>
      createHash('sha256')
        .update(
          `${documentString}|${operationName ?? ''}|${JSON.stringify(variableValues ?? {})}|${sessionId ?? ''}`,
        )
        .digest('hex'),
    shouldCacheResult: ({ result }) => !result.errors?.length,
    includeExtensionMetadata: false,
  });

  /**
   * Envelop rewrites a mutation (to find the entities it returns) with a `__typename` at its root, which
   * turns Hive's answer to a failed non-null mutation field from `{ errors }` into `{ data: null, errors }`;
   * this keeps the answer as it is without the cache.
   */
  const keepNoData = ({
    result,
    setResult,
  }: {
    result: unknown;
    setResult: (r: ExecutionResult) => void;
  }) => {
    const single = result as ExecutionResult;
    if (single && 'data' in single && single.data === null && single.errors?.length) {
      const { data: _data, ...rest } = single;
      setResult(rest);
    }
  };

  /**
   * Envelop selects each type's key field under the alias `__responseCacheId` and removes it afterwards,
   * but not when the key is null (a FulfillmentProgress without a tracking number, say): it would reach
   * the client. Runs before envelop's own clean-up, so what is cached is clean too.
   */
  const dropNullCacheIds = ({ result }: { result: unknown }) => {
    const single = result as ExecutionResult;
    if (single && typeof single === 'object' && 'data' in single) dropNullIds(single.data);
  };

  const tracker: GatewayPlugin<DgContext> = {
    onExecute(payload) {
      const args: ExecutionArgs = payload.args;
      const operation = getOperationAST(args.document, args.operationName);
      if (operation?.operation === OperationTypeNode.MUTATION) return { onExecuteDone: keepNoData };
      if (operation?.operation !== OperationTypeNode.QUERY) return;
      let shape = shapes.get(args.document);
      if (!shape) {
        const selected = [...coordinatesOf(args.schema, args.document)];
        shape = {
          lists: TENANT_LISTS.filter((coordinate) => selected.includes(coordinate)),
          rootField: selected.find((c) => c.startsWith('Query.'))?.slice('Query.'.length) ?? 'query',
        };
        shapes.set(args.document, shape);
      }
      const tenant = tenantOf(args.contextValue as Partial<DgContext>);
      requests.set(args.contextValue as object, {
        startedAt: performance.now(),
        listTags: shape.lists.map((coordinate) => listTag(coordinate, tenant)),
        rootField: shape.rootField,
      });
      return { onExecuteDone: dropNullCacheIds };
    },
  };
  return [tracker, envelopPlugin as GatewayPlugin<DgContext>];
}
