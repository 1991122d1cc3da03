import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import { currentCorrelationId, newCorrelationId, withCorrelationId } from '../../platform/correlation.js';
import { createLogger, type Logger } from '../../platform/logger.js';
import { answersHttp } from '../../platform/observability/answers-http.js';
import { publishConnectorCall } from '../../platform/observability/channels.js';
import { circuitName } from '../../platform/observability/circuit-name.js';
import { httpClientFor, withDeadline, type HttpSend } from '../shared/http-client.js';
import type {
  Fulfillment,
  FulfillmentPackage,
  FulfillmentStatus,
  WarehouseBacklog,
  WmsInventoryLevel,
} from '../../schema/canonical/fulfillment.js';
import type { WmsConfig } from './config.js';
import { WmsNotFoundError, WmsProtocolError, WmsThrottledError, WmsValidationError } from './errors.js';
import { OPEN_SHIPHERO_STATUSES, toFulfillmentStatus } from './fulfillment-status.js';
import { toFulfillment, toPackages } from './map-fulfillment.js';
import { orderCreateData } from './order-create-input.js';
import {
  backlogQuery,
  ORDER_CANCEL,
  ORDER_CREATE,
  ORDERS_UPDATED_SINCE,
  ordersByNumberQuery,
  WEBHOOK_CREATE,
  WEBHOOK_DELETE,
  warehouseProductsQuery,
} from './queries.js';
import { createWmsPolicies, toPolicyError, type WmsPolicies } from './resilience.js';
import { toUtcIso } from './timestamps.js';
import { postGraphql } from './transport.js';
import type { CreateWmsOrderInput, WmsCallEvent, WmsOrdersPage, WmsWebhookType } from './types.js';
import {
  backlogOrderSchema,
  mutationOutputSchema,
  orderMutationSchema,
  orderParcelsSchema,
  orderSchema,
  queryResult,
  warehouseProductSchema,
  webhookCreateSchema,
} from './wire.js';

export interface WmsClientOptions {
  /** Default: a `wms-connector` logger. */
  logger?: Logger;
  /** Called after every HTTP request; must not throw (what it throws is logged and ignored). */
  onCall?: (call: WmsCallEvent) => void;
  /** Sends the HTTP requests. Default: undici over a keep-alive pool of this client's own. */
  send?: HttpSend;
}

/** Order numbers per `orders` batch request (one alias each). */
export const ORDERS_PER_REQUEST = 50;

const orderPage = queryResult(orderSchema);
const parcelsPage = queryResult(orderParcelsSchema);
const productPage = queryResult(warehouseProductSchema);
const backlogPage = queryResult(backlogOrderSchema);

/**
 * A typed client of a ShipHero-style WMS GraphQL API: per-request timeout, a circuit breaker, jittered
 * retries of reads and of idempotent writes, waits for credits when throttled, every answer validated
 * with zod and mapped to the canonical fulfilment shapes.
 *
 * Requests per operation: `fulfillmentsByOrderNumbers` and `packagesByOrderNumbers` 1 per 50 numbers
 * (aliased `orders(order_number:)`), `createOrder` 2 (a lookup by number, then `order_create`; 1 when
 * the order exists), `cancelOrder` 2, `inventory` 1 (one alias per warehouse, or per warehouse × SKU),
 * `backlog` 1 (one alias per warehouse × open status), plus 1 per further page of any alias holding more
 * than 100 rows.
 */
export class WmsClient {
  readonly #config: WmsConfig;
  readonly #logger: Logger;
  readonly #onCall: ((call: WmsCallEvent) => void) | undefined;
  readonly #http: HttpSend;
  readonly #closeHttp: () => Promise<void>;
  readonly #policies: WmsPolicies;
  readonly #codeById: Map<string, string>;

  constructor(config: WmsConfig, options: WmsClientOptions = {}) {
    this.#config = config;
    this.#logger = options.logger ?? createLogger({ name: 'wms-connector' });
    this.#onCall = options.onCall;
    const http = httpClientFor(options.send);
    this.#http = http.send;
    this.#closeHttp = http.close;
    this.#policies = createWmsPolicies(config);
    this.#codeById = new Map(Object.entries(config.warehouses).map(([code, id]) => [id, code]));
    this.#policies.breaker.onBreak(() => this.#logger.warn({ url: config.url }, 'WMS circuit opened'));
    this.#policies.breaker.onReset(() => this.#logger.info({ url: config.url }, 'WMS circuit closed'));
  }

  /** For readiness probes: resolves when the WMS answers HTTP at its URL and the circuit is not open. */
  async checkReachable(signal: AbortSignal): Promise<void> {
    if (circuitName(this.#policies.breaker.state) === 'open')
      throw new Error('circuit open after repeated failures');
    await answersHttp(this.#http, this.#config.url, signal);
  }

  /** Lets go of the connections kept open to the WMS (none to close when `send` was given). */
  close(): Promise<void> {
    return this.#closeHttp();
  }

  /**
   * Creates the WMS order for one of ours, idempotently on `orderNumber`: every attempt first looks the
   * number up and returns the order found, so a retry after a timeout never creates a second one.
   */
  async createOrder(input: CreateWmsOrderInput): Promise<Fulfillment> {
    const warehouseId = this.#warehouseId(input.warehouseCode);
    return await this.#run(true, async (signal) => {
      const existing = (await this.#byNumbers([input.orderNumber], signal)).get(input.orderNumber);
      if (existing) return existing;
      const data = orderCreateData(input, { warehouseId, shopName: this.#config.shopName, now: new Date() });
      const order = await this.#send('order_create', ORDER_CREATE, { data }, signal, (answer) =>
        parse(orderMutationSchema, answer.order_create, 'order_create'),
      );
      return this.#toFulfillment(order.order);
    });
  }

  /** The fulfilments of these orders in one request per 50 numbers; numbers the WMS lacks are left out. */
  fulfillmentsByOrderNumbers(orderNumbers: readonly string[]): Promise<Map<string, Fulfillment>> {
    return this.#run(true, (signal) => this.#byNumbers(orderNumbers, signal));
  }

  /**
   * Each order's parcels (its shipments' labels) in one request per 50 numbers, asking only for the
   * shipments: what tracking needs, in a fraction of `fulfillmentsByOrderNumbers`' answer. Numbers the
   * WMS lacks are left out.
   */
  packagesByOrderNumbers(orderNumbers: readonly string[]): Promise<Map<string, FulfillmentPackage[]>> {
    return this.#run(true, (signal) =>
      this.#ordersByNumbers(orderNumbers, 'parcels', parcelsPage, signal, toPackages),
    );
  }

  async fulfillment(orderNumber: string): Promise<Fulfillment | null> {
    return (await this.fulfillmentsByOrderNumbers([orderNumber])).get(orderNumber) ?? null;
  }

  /** Cancels the order (releasing its allocation); an order already cancelled is returned as it is. */
  cancelOrder(orderNumber: string, reason?: string): Promise<Fulfillment> {
    return this.#run(true, async (signal) => {
      const found = (await this.#byNumbers([orderNumber], signal)).get(orderNumber);
      if (!found)
        throw new WmsNotFoundError(`Order ${orderNumber} not found in the WMS`, {
          operation: 'order_cancel',
        });
      if (found.status === 'CANCELLED') return found;
      const data = { order_id: found.wmsOrderId, reason: reason ?? 'Cancelled by Distribution Graph' };
      const order = await this.#send('order_cancel', ORDER_CANCEL, { data }, signal, (answer) =>
        parse(orderMutationSchema, answer.order_cancel, 'order_cancel'),
      );
      return this.#toFulfillment(order.order);
    });
  }

  /** Orders updated at or after `since`, oldest change first, for reconciliation (ShipHero's `updated_from`). */
  ordersUpdatedSince(since: string, opts: { first?: number; after?: string } = {}): Promise<WmsOrdersPage> {
    const variables = { since: toUtcIso(since) ?? since, first: opts.first ?? 50, after: opts.after ?? null };
    return this.#run(true, async (signal) => {
      const page = await this.#send('orders', ORDERS_UPDATED_SINCE, variables, signal, (answer) =>
        parse(orderPage, answer.orders, 'orders'),
      );
      return {
        fulfillments: page.data.edges.map(({ node }) => this.#toFulfillment(node)),
        pageInfo: {
          hasNextPage: page.data.pageInfo.hasNextPage,
          endCursor: page.data.pageInfo.endCursor ?? null,
        },
      };
    });
  }

  /** Stock per warehouse and SKU: one warehouse or all configured ones, every SKU or only these. */
  async inventory(
    input: { warehouseCode?: string; skus?: readonly string[] } = {},
  ): Promise<WmsInventoryLevel[]> {
    const codes = input.warehouseCode ? [input.warehouseCode] : Object.keys(this.#config.warehouses);
    const skus = input.skus ? [...new Set(input.skus)] : undefined;
    const aliases = codes.flatMap((code, w) => {
      const warehouseId = this.#warehouseId(code);
      return skus
        ? skus.map((sku, s) => ({ alias: `w${w}s${s}`, vars: { w: warehouseId, s: sku }, sku: true }))
        : [{ alias: `w${w}`, vars: { w: warehouseId }, sku: false }];
    });
    return await this.#run(true, async (signal) => {
      const rows = await this.#pages(
        'warehouse_products',
        aliases,
        warehouseProductsQuery,
        productPage,
        signal,
      );
      return [...rows.values()]
        .flat()
        .map((row) => ({
          sku: row.sku,
          warehouseCode: this.#codeById.get(row.warehouse_id) ?? row.warehouse_id,
          onHand: row.on_hand,
          allocated: row.allocated,
          available: row.available,
          backordered: row.backorder,
        }))
        .sort((a, b) => a.warehouseCode.localeCompare(b.warehouseCode) || a.sku.localeCompare(b.sku));
    });
  }

  /**
   * Open orders per warehouse: one request with an alias per warehouse × open ShipHero status (`pending`,
   * `picked`, `packed`, `backorder`), reading only status, holds, allocation and date.
   */
  async backlog(warehouseCodes: readonly string[]): Promise<Map<string, WarehouseBacklog>> {
    const codes = [...new Set(warehouseCodes)];
    const aliases = codes.flatMap((code, w) =>
      OPEN_SHIPHERO_STATUSES.map((status, s) => ({
        alias: `w${w}s${s}`,
        code,
        vars: { w: this.#warehouseId(code), s: status },
      })),
    );
    return await this.#run(true, async (signal) => {
      const rows = await this.#pages(
        'orders',
        aliases,
        (list) => backlogQuery(list.map((a) => a.alias)),
        backlogPage,
        signal,
      );
      const result = new Map(codes.map((code) => [code, emptyBacklog(code)]));
      for (const { alias, code } of aliases) {
        const backlog = result.get(code)!;
        for (const order of rows.get(alias) ?? []) {
          const status: FulfillmentStatus = toFulfillmentStatus({
            fulfillmentStatus: order.fulfillment_status,
            holds: order.holds,
            allocated: (order.allocations ?? []).length > 0,
          });
          if (status === 'SHIPPED' || status === 'CANCELLED') continue;
          backlog.openOrders += 1;
          backlog.byStatus[status] = (backlog.byStatus[status] ?? 0) + 1;
          const since = toUtcIso(order.order_date);
          if (since && (backlog.oldestOpenSince === null || since < backlog.oldestOpenSince))
            backlog.oldestOpenSince = since;
        }
      }
      return result;
    });
  }

  /** Registers a webhook; the secret is returned once, keep it (WMS_WEBHOOK_SECRET). Never retried. */
  createWebhook(input: {
    type: WmsWebhookType;
    url: string;
  }): Promise<{ id: string; sharedSignatureSecret: string }> {
    const data = { name: input.type, url: input.url, shop_name: this.#config.shopName };
    return this.#run(false, async (signal) => {
      const { webhook } = await this.#send('webhook_create', WEBHOOK_CREATE, { data }, signal, (answer) =>
        parse(webhookCreateSchema, answer.webhook_create, 'webhook_create'),
      );
      return { id: webhook.id, sharedSignatureSecret: webhook.shared_signature_secret };
    });
  }

  /** Removes the webhook of this type (ShipHero deletes by name); one already gone counts as removed. */
  deleteWebhook(input: { type: WmsWebhookType }): Promise<void> {
    const data = { name: input.type, shop_name: this.#config.shopName };
    return this.#run(true, async (signal) => {
      try {
        await this.#send('webhook_delete', WEBHOOK_DELETE, { data }, signal, (answer) =>
          parse(mutationOutputSchema, answer.webhook_delete, 'webhook_delete'),
        );
      } catch (error) {
        if (!(error instanceof WmsNotFoundError)) throw error;
      }
    });
  }

  #byNumbers(orderNumbers: readonly string[], signal: AbortSignal): Promise<Map<string, Fulfillment>> {
    return this.#ordersByNumbers(orderNumbers, 'order', orderPage, signal, (node) =>
      this.#toFulfillment(node),
    );
  }

  /** `orders(order_number:)` per number, 50 aliases a request, `selection` of each order mapped with `map`. */
  async #ordersByNumbers<N extends { order_number: string }, T>(
    orderNumbers: readonly string[],
    selection: 'order' | 'parcels',
    page: z.ZodType<{ data: { edges: { node: N }[] } }>,
    signal: AbortSignal,
    map: (node: N) => T,
  ): Promise<Map<string, T>> {
    const unique = [...new Set(orderNumbers)];
    const found = new Map<string, T>();
    for (let start = 0; start < unique.length; start += ORDERS_PER_REQUEST) {
      const chunk = unique.slice(start, start + ORDERS_PER_REQUEST);
      const variables = Object.fromEntries(chunk.map((number, i) => [`n${i}`, number]));
      const nodes = await this.#send(
        'orders',
        ordersByNumberQuery(chunk.length, selection),
        variables,
        signal,
        (answer) => chunk.map((_, i) => parse(page, answer[`o${i}`], 'orders').data.edges[0]?.node),
      );
      chunk.forEach((number, i) => {
        const node = nodes[i];
        if (node && node.order_number === number) found.set(number, map(node));
      });
    }
    return found;
  }

  /** Reads aliased list queries to their last page, asking again only for the aliases with more. */
  async #pages<A extends { alias: string; vars: Record<string, unknown> }, T>(
    operation: string,
    aliases: readonly A[],
    build: (pending: readonly A[]) => string,
    schema: z.ZodType<{
      data: { edges: { node: T }[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } };
    }>,
    signal: AbortSignal,
  ): Promise<Map<string, T[]>> {
    const rows = new Map<string, T[]>(aliases.map((a) => [a.alias, []]));
    let pending = aliases.map((a) => ({ entry: a, after: null as string | null }));
    while (pending.length > 0) {
      const variables: Record<string, unknown> = {};
      for (const { entry, after } of pending) {
        for (const [key, value] of Object.entries(entry.vars)) variables[`${entry.alias}_${key}`] = value;
        variables[`${entry.alias}_a`] = after;
      }
      const pages = await this.#send(
        operation,
        build(pending.map((p) => p.entry)),
        variables,
        signal,
        (answer) => pending.map(({ entry }) => parse(schema, answer[entry.alias], operation)),
      );
      const next: typeof pending = [];
      for (const [i, { entry }] of pending.entries()) {
        const page = pages[i]!;
        rows.get(entry.alias)!.push(...page.data.edges.map((edge) => edge.node));
        const cursor = page.data.pageInfo.endCursor;
        if (page.data.pageInfo.hasNextPage && cursor) next.push({ entry, after: cursor });
      }
      pending = next;
    }
    return rows;
  }

  /** Runs `fn` under the retry policy (or once), with a correlation id. */
  #run<T>(retrySafe: boolean, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const policy = retrySafe ? this.#policies.retry : this.#policies.once;
    return withCorrelationId(currentCorrelationId() ?? newCorrelationId(), () =>
      policy.execute(({ signal }) => fn(signal)),
    );
  }

  /** One request, waiting and asking again (a bounded number of times) when the WMS says it is out of credits. */
  async #send<T>(
    operation: string,
    query: string,
    variables: Record<string, unknown>,
    signal: AbortSignal,
    read: (data: Record<string, unknown>) => T,
  ): Promise<T> {
    for (let waits = 0; ; waits += 1) {
      try {
        return await this.#attempt(operation, query, variables, signal, read);
      } catch (error) {
        const { throttleRetries, throttleMaxWaitMs } = this.#config;
        if (!(error instanceof WmsThrottledError)) throw error;
        if (waits >= throttleRetries || error.retryAfterMs > throttleMaxWaitMs) throw error;
        this.#logger.info(
          { operation, retryAfterMs: error.retryAfterMs },
          'WMS throttled; waiting for credits',
        );
        await sleep(error.retryAfterMs + Math.floor(Math.random() * 50), undefined, { signal });
      }
    }
  }

  /** One HTTP request through the breaker and the per-request timeout; `read` validates the data (a failure is WMS_PROTOCOL). */
  async #attempt<T>(
    operation: string,
    query: string,
    variables: Record<string, unknown>,
    signal: AbortSignal,
    read: (data: Record<string, unknown>) => T,
  ): Promise<T> {
    const started = performance.now();
    const { url, token, timeoutMs } = this.#config;
    try {
      const data = await this.#policies.breaker.execute(async ({ signal: breakerSignal }) => {
        try {
          return await withDeadline([signal, breakerSignal], timeoutMs, (attemptSignal) =>
            postGraphql(
              this.#http,
              { url, token, query, variables, signal: attemptSignal },
              { operation, timeoutMs },
            ),
          );
        } catch (error) {
          throw toPolicyError(error, operation); // converted inside: the breaker counts transient WmsErrors only
        }
      });
      const result = read(data);
      this.#report({ operation, outcome: 'ok', started, complexity: complexityOf(data) });
      return result;
    } catch (error) {
      const wmsError = toPolicyError(error, operation);
      this.#report({ operation, outcome: wmsError.code, started });
      throw wmsError;
    }
  }

  #report(event: {
    operation: string;
    outcome: WmsCallEvent['outcome'];
    started: number;
    complexity?: number;
  }): void {
    const call: WmsCallEvent = {
      operation: event.operation,
      outcome: event.outcome,
      durationMs: Math.round((performance.now() - event.started) * 1000) / 1000,
      ...(event.complexity === undefined ? {} : { complexity: event.complexity }),
    };
    this.#logger.debug(call, 'wms call');
    publishConnectorCall({
      system: 'wms',
      method: call.operation,
      outcome: call.outcome,
      durationMs: call.durationMs,
      circuit: circuitName(this.#policies.breaker.state),
    });
    try {
      this.#onCall?.(call);
    } catch (error) {
      this.#logger.warn({ err: error }, 'onCall hook threw');
    }
  }

  #warehouseId(code: string): string {
    const id = this.#config.warehouses[code];
    if (id === undefined)
      throw new WmsValidationError(
        `Unknown warehouse code ${code}; WMS_WAREHOUSES maps ${Object.keys(this.#config.warehouses).join(', ')}`,
      );
    return id;
  }

  #toFulfillment(order: z.infer<typeof orderSchema>): Fulfillment {
    return toFulfillment(order, (id) => this.#codeById.get(id) ?? null);
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, operation: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const where = result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  throw new WmsProtocolError(`The WMS answered ${operation} with an unexpected shape (${where})`, {
    operation,
    cause: result.error,
  });
}

function complexityOf(data: Record<string, unknown>): number | undefined {
  let total: number | undefined;
  for (const value of Object.values(data)) {
    const complexity = (value as { complexity?: unknown } | null)?.complexity;
    if (typeof complexity === 'number') total = (total ?? 0) + complexity;
  }
  return total;
}

function emptyBacklog(warehouseCode: string): WarehouseBacklog {
  return { warehouseCode, openOrders: 0, byStatus: {}, oldestOpenSince: null };
}
