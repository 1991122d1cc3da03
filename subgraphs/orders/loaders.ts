import DataLoader from 'dataloader';
import type { OdooClient } from '../../connectors/odoo/client.js';
import { OdooCountries } from '../../connectors/odoo/sales/countries.js';
import { OdooCustomers } from '../../connectors/odoo/sales/customers.js';
import type { SalesScope } from '../../connectors/odoo/sales/order-domain.js';
import { OdooOrderMargins } from '../../connectors/odoo/sales/order-margins.js';
import {
  OdooOrders,
  type LinesWithProducts,
  type ListedOrdersWithLines,
} from '../../connectors/odoo/sales/orders.js';
import { OdooProductReferences } from '../../connectors/odoo/sales/product-references.js';
import type { CacheLoad, EntityCache } from '../../platform/cache/entity-cache.js';
import type { MoneyShape } from '../../platform/graphql/create-subgraph-builder.js';
import type { Address, Customer, Order, OrderLine, ProductReference } from '../../schema/canonical/orders.js';

/**
 * Per-request loaders: each batch of keys is one Odoo call, whatever the number of rows, so a page of
 * 50 orders with their customers, addresses, lines and SKUs costs as many calls as a page of 5; lines
 * bring their products' SKUs in their own call. Order loaders see through the caller's scope; the
 * others are reached only from visible orders. With an entity cache, orders and customers are read
 * from Redis first; a cached order is served to a partner only when it is plainly the tenant's own
 * (row check after the cache), and otherwise read from Odoo within the partner's scope.
 */
export interface OrdersLoaders {
  orders: OdooOrders;
  orderById: DataLoader<number, Order | null>;
  orderByNumber: DataLoader<string, Order | null>;
  linesByOrderId: DataLoader<number, OrderLine[]>;
  /** The same lines with only their product and ordered quantity read; other fields throw. */
  orderedLinesByOrderId: DataLoader<number, OrderLine[]>;
  /** Margin per order (internal only): one extra product read per batch, for the costs. */
  marginByOrder: DataLoader<Order, MoneyShape, number>;
  customerById: DataLoader<number, Customer | null>;
  addressById: DataLoader<number, Address | null>;
  addressesByCustomerId: DataLoader<number, Address[]>;
  productById: DataLoader<number, ProductReference | null>;
  countryCodeById: DataLoader<number, string | null>;
  /** Seeds the order loaders with orders a search already returned. */
  prime(orders: readonly Order[]): void;
  /**
   * Seeds the lines loaders and productById with lines read with their orders (`which` fields: all
   * lines answer for ordered lines too, not the other way round).
   */
  primeLines(
    which: 'ordered' | 'full',
    page: Pick<ListedOrdersWithLines, 'linesByOrderId' | 'products'>,
  ): void;
}

/** A loader whose batch function returns rows in any order, matched back to keys by `keyOf`. */
function byKey<K, V>(load: (keys: readonly K[]) => Promise<V[]>, keyOf: (row: V) => K) {
  return new DataLoader<K, V | null>(async (keys) => {
    const found = new Map((await load(keys)).map((row) => [keyOf(row), row]));
    return keys.map((key) => found.get(key) ?? null);
  });
}

/** A loader of the rows belonging to each key. */
function groupedBy<K, V>(load: (keys: readonly K[]) => Promise<V[]>, keyOf: (row: V) => K) {
  return new DataLoader<K, V[]>(async (keys) => {
    const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
    for (const row of await load(keys)) groups.get(keyOf(row))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** A loader of rows by key through the entity cache (keys as strings), or straight from the source. */
function cachedByKey<K extends string | number, V>(
  cache: EntityCache | null,
  spec: Omit<CacheLoad<V>, 'fetch'>,
  load: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
  parse: (key: string) => K,
) {
  if (!cache) return byKey(load, keyOf);
  const fetch = async (keys: readonly string[]) =>
    new Map((await load(keys.map(parse))).map((row) => [String(keyOf(row)), row]));
  return new DataLoader<K, V | null>((keys) => cache.load({ ...spec, fetch }, keys.map(String)));
}

export function createOrdersLoaders(
  odoo: OdooClient,
  scope: SalesScope,
  cache: EntityCache | null = null,
): OrdersLoaders {
  const orders = new OdooOrders(odoo, scope);
  const customers = new OdooCustomers(odoo);
  const products = new OdooProductReferences(odoo);
  const countries = new OdooCountries(odoo);
  const { tenantPartnerId } = scope;
  const orderByNumber = cachedByKey(
    cache,
    {
      type: 'order',
      scope: tenantPartnerId === undefined ? '' : `tenant:${tenantPartnerId}`,
      // Placed by the tenant itself; an order of one of its contacts is read within the scope instead.
      visible: (order) => tenantPartnerId === undefined || order.customerRowId === tenantPartnerId,
    },
    (names: readonly string[]) => orders.byNumbers(names),
    (order) => order.number,
    String,
  );
  const orderById = cache
    ? new DataLoader<number, Order | null>(async (ids) => {
        // Row id → number never changes: cached apart, then the order by number (scope-checked).
        const numbers = await cache.load(
          {
            type: 'order-number',
            scope: tenantPartnerId === undefined ? '' : `tenant:${tenantPartnerId}`,
            fetch: async (keys) => {
              const found = await orders.byIds(keys.map(Number));
              for (const order of found) orderByNumber.prime(order.number, order);
              return new Map(found.map((order) => [String(order.rowId), order.number]));
            },
          },
          ids.map(String),
        );
        return Promise.all(
          numbers.map(async (number) => (number === null ? null : orderByNumber.load(number))),
        );
      })
    : byKey(
        (ids: readonly number[]) => orders.byIds(ids),
        (order) => order.rowId,
      );
  // Lines bring their products' references (see withProducts); this reads only what none brought.
  const productById = byKey(
    (ids: readonly number[]) => products.byIds(ids),
    (product) => product.rowId,
  );
  // Lines come with their products' references: seeding productById with them saves it a read.
  const withProducts =
    (read: (ids: readonly number[]) => Promise<LinesWithProducts>) => async (ids: readonly number[]) => {
      const { lines, products: found } = await read(ids);
      for (const product of found) productById.prime(product.rowId, product);
      return lines;
    };
  const linesByOrderId = groupedBy(
    withProducts((ids) => orders.linesByOrderIds(ids)),
    (line) => line.orderRowId,
  );
  const orderedLinesByOrderId = groupedBy(
    withProducts((ids) => orders.orderedLinesByOrderIds(ids)),
    (line) => line.orderRowId,
  );
  const margins = new OdooOrderMargins(odoo);
  return {
    orders,
    orderById,
    orderByNumber,
    linesByOrderId,
    orderedLinesByOrderId,
    marginByOrder: new DataLoader(
      async (batch) => {
        const lines = await linesByOrderId.loadMany(batch.map((order) => order.rowId));
        return margins.of(
          batch.map((order, index) => {
            const found = lines[index];
            if (found instanceof Error) throw found;
            return { order, lines: found ?? [] };
          }),
        );
      },
      { cacheKeyFn: (order) => order.rowId },
    ),
    customerById: cachedByKey(
      cache,
      { type: 'customer' },
      (ids: readonly number[]) => customers.byIds(ids),
      (customer) => customer.rowId,
      Number,
    ),
    addressById: byKey(
      (ids) => customers.addressesByIds(ids),
      (address) => address.rowId,
    ),
    addressesByCustomerId: groupedBy(
      (ids) => customers.addressesOf(ids),
      (address) => address.customerRowId,
    ),
    productById,
    countryCodeById: new DataLoader(async (ids) => {
      const codes = await countries.codesByIds(ids);
      return ids.map((id) => codes.get(id) ?? null);
    }),
    prime(found) {
      for (const order of found) {
        orderById.prime(order.rowId, order);
        orderByNumber.prime(order.number, order);
      }
    },
    primeLines(which, page) {
      for (const [orderId, lines] of page.linesByOrderId) {
        orderedLinesByOrderId.prime(orderId, lines);
        if (which === 'full') linesByOrderId.prime(orderId, lines);
      }
      for (const product of page.products) productById.prime(product.rowId, product);
    },
  };
}
