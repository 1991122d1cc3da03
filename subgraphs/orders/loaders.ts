import DataLoader from 'dataloader';
import type { OdooClient } from '../../connectors/odoo/client.js';
import { OdooCountries } from '../../connectors/odoo/sales/countries.js';
import { OdooCustomers } from '../../connectors/odoo/sales/customers.js';
import type { SalesScope } from '../../connectors/odoo/sales/order-domain.js';
import { OdooOrderMargins } from '../../connectors/odoo/sales/order-margins.js';
import { OdooOrders } from '../../connectors/odoo/sales/orders.js';
import { OdooProductReferences } from '../../connectors/odoo/sales/product-references.js';
import type { MoneyShape } from '../../platform/graphql/create-subgraph-builder.js';
import type { Address, Customer, Order, OrderLine, ProductReference } from '../../schema/canonical/orders.js';

/**
 * Per-request loaders: each batch of keys is one Odoo call, whatever the number of rows, so a page of
 * 50 orders with their customers, addresses, lines and SKUs costs as many calls as a page of 5.
 * Order loaders see through the caller's scope; the others are reached only from visible orders.
 */
export interface OrdersLoaders {
  orders: OdooOrders;
  orderById: DataLoader<number, Order | null>;
  orderByNumber: DataLoader<string, Order | null>;
  linesByOrderId: DataLoader<number, OrderLine[]>;
  /** Margin per order (internal only): one extra product read per batch, for the costs. */
  marginByOrder: DataLoader<Order, MoneyShape, number>;
  customerById: DataLoader<number, Customer | null>;
  addressById: DataLoader<number, Address | null>;
  addressesByCustomerId: DataLoader<number, Address[]>;
  productById: DataLoader<number, ProductReference | null>;
  countryCodeById: DataLoader<number, string | null>;
  /** Seeds the order loaders with orders a search already returned. */
  prime(orders: readonly Order[]): void;
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

export function createOrdersLoaders(odoo: OdooClient, scope: SalesScope): OrdersLoaders {
  const orders = new OdooOrders(odoo, scope);
  const customers = new OdooCustomers(odoo);
  const products = new OdooProductReferences(odoo);
  const countries = new OdooCountries(odoo);
  const orderById = byKey(
    (ids: readonly number[]) => orders.byIds(ids),
    (order) => order.rowId,
  );
  const orderByNumber = byKey(
    (names: readonly string[]) => orders.byNumbers(names),
    (order) => order.number,
  );
  const linesByOrderId = groupedBy(
    (ids: readonly number[]) => orders.linesByOrderIds(ids),
    (line) => line.orderRowId,
  );
  const margins = new OdooOrderMargins(odoo);
  return {
    orders,
    orderById,
    orderByNumber,
    linesByOrderId,
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
    customerById: byKey(
      (ids) => customers.byIds(ids),
      (customer) => customer.rowId,
    ),
    addressById: byKey(
      (ids) => customers.addressesByIds(ids),
      (address) => address.rowId,
    ),
    addressesByCustomerId: groupedBy(
      (ids) => customers.addressesOf(ids),
      (address) => address.customerRowId,
    ),
    productById: byKey(
      (ids) => products.byIds(ids),
      (product) => product.rowId,
    ),
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
  };
}
