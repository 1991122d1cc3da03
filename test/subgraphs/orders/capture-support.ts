/** What the capture tests share: a subgraph with Redis over the emulated Odoo, and the demo data they use. */
import { randomUUID } from 'node:crypto';
import type { OdooClient } from '../../../connectors/odoo/client.js';
import { createLogger } from '../../../platform/logger.js';
import { connectRedis, type RedisClient } from '../../../platform/redis.js';
import type { RunningSubgraph } from '../../../platform/graphql/start-subgraph-server.js';
import { toGlobalId } from '../../../schema/canonical/global-id.js';
import { startOrdersSubgraph, type OrdersSubgraphOptions } from '../../../subgraphs/orders/server.js';
import type { CapturedOrder } from '../../../subgraphs/orders/schema/capture-services.js';
import { TEST_IDENTITY_SECRET } from '../../support/graphql.js';
import { startOdooFixture, type OdooFixture } from '../../support/odoo.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export const CAPTURE = `mutation Capture($input: CaptureOrderInput!, $key: String!) {
  captureOrder(input: $input, idempotencyKey: $key) {
    replayed
    idempotencyKey
    outcome {
      __typename
      ... on OrderCaptured { order { number customerReference status customer { id } } }
      ... on OrderOutOfStock { warehouse lines { sku requested available nextAvailableOn } }
      ... on OrderCreditHold { orderTotal { amount currency } openBalance { amount currency } creditLimit { amount currency } }
      ... on OrderInvalid { issues { path message } }
      ... on OrderDuplicateReference { existingOrder { number } }
    }
  }
}`;

export const CANCEL = `mutation Cancel($number: String!, $reason: String!) {
  cancelOrder(number: $number, reason: $reason) {
    __typename
    ... on OrderCancelled { alreadyCancelled order { number status } }
    ... on OrderNotCancellable { reason order { number status } }
  }
}`;

export interface CaptureFixture {
  odoo: OdooFixture;
  redis: RedisClient;
  namespace: string;
  subgraph: RunningSubgraph;
  captured: CapturedOrder[];
  /** Another subgraph on the same Odoo and Redis, with its own options. */
  startAnother(options: Partial<OrdersSubgraphOptions>): Promise<RunningSubgraph>;
  close(): Promise<void>;
}

export async function startCaptureFixture(): Promise<CaptureFixture> {
  const odoo = await startOdooFixture({ scale: 0.25, seed: 1 });
  const logger = createLogger({ name: 'orders', level: 'silent' });
  const redis = await connectRedis({ url: REDIS_URL, logger });
  const namespace = `test-capture-${randomUUID()}`;
  const captured: CapturedOrder[] = [];
  const extra: RunningSubgraph[] = [];
  const start = (options: Partial<OrdersSubgraphOptions>) =>
    startOrdersSubgraph({
      odoo: odoo.client,
      port: 0,
      logger,
      identitySecret: TEST_IDENTITY_SECRET,
      redis,
      capture: { namespace },
      onCaptured: (order) => {
        captured.push(order);
        return Promise.resolve();
      },
      ...options,
    });
  const subgraph = await start({});
  return {
    odoo,
    redis,
    namespace,
    subgraph,
    captured,
    startAnother: async (options) => {
      const another = await start(options);
      extra.push(another);
      return another;
    },
    close: async () => {
      await Promise.all([subgraph, ...extra].map((s) => s.close()));
      const keys: string[] = [];
      for await (const batch of redis.scanIterator({ MATCH: `${namespace}:*`, COUNT: 1000 }))
        keys.push(...batch);
      if (keys.length > 0) await redis.del(keys);
      redis.destroy();
      await odoo.close();
    },
  };
}

/** A demo company customer, with its credit limit lifted so that only the tests that mean it hit a hold. */
export async function customerWithoutLimit(odoo: OdooClient, index: number): Promise<number> {
  const customers = await odoo.searchRead('res.partner', {
    domain: [
      ['customer_rank', '>', 0],
      ['is_company', '=', true],
    ],
    fields: ['name'],
    order: 'id',
  });
  const id = customers[index]!.id;
  await odoo.write('res.partner', [id], { credit_limit: 0 });
  return id;
}

/** Storable products with at least `min` free in every warehouse, by SKU. */
export async function productsInStock(odoo: OdooClient, min: number, count: number): Promise<string[]> {
  const warehouses = await odoo.searchRead('stock.warehouse', { fields: ['code'] });
  const products = await odoo.searchRead('product.product', {
    domain: [
      ['is_storable', '=', true],
      ['default_code', '!=', false],
    ],
    fields: ['default_code'],
    order: 'default_code',
  });
  const free = await Promise.all(
    warehouses.map((w) =>
      odoo.read(
        'product.product',
        products.map((p) => p.id),
        ['free_qty'],
        { warehouse: w.id },
      ),
    ),
  );
  return products
    .filter((p) => free.every((records) => (records.find((r) => r.id === p.id)?.free_qty ?? 0) >= min))
    .slice(0, count)
    .map((p) => p.default_code!);
}

/** The customer's first delivery address, as the graph names it. */
export async function deliveryAddressId(odoo: OdooClient, customer: number): Promise<string> {
  const [address] = await odoo.searchRead('res.partner', {
    domain: [
      ['parent_id', '=', customer],
      ['type', '=', 'delivery'],
    ],
    fields: ['name'],
    order: 'id',
    limit: 1,
  });
  return toGlobalId('Address', address!.id);
}

/** How many sale orders carry this customer reference. */
export function countByReference(odoo: OdooClient, reference: string): Promise<number> {
  return odoo.searchCount('sale.order', { domain: [['client_order_ref', '=', reference]] });
}
