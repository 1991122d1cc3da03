import { expect } from '@jest/globals';
import type { Domain, OdooClient } from '../../../connectors/odoo/index.js';
import type { Principal } from '../../../platform/auth/principal.js';
import { internalPrincipal, postAs } from '../../support/graphql.js';

export const ORDERS = `query ($first: Int, $after: String, $filter: OrderFilter) {
  orders(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { number } }
  }
}`;

/** The `ORDERS` selection as answered. */
export interface OrdersPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
  edges: { cursor: string; node: { number: string } }[];
}

/** Order numbers matching `domain` in Odoo, newest first: what a list should hold. */
export async function numbersIn(client: OdooClient, domain: Domain): Promise<string[]> {
  const orders = await client.searchRead('sale.order', {
    domain,
    fields: ['name'],
    order: 'date_order desc, id desc',
  });
  return orders.map((o) => o.name!);
}

/** One page of `ORDERS`, failing the test on any error. */
export async function ordersPage(
  url: string,
  variables: Record<string, unknown>,
  principal: Principal = internalPrincipal,
): Promise<OrdersPage> {
  const response = await postAs(url, principal, ORDERS, variables);
  expect(response.body.errors).toBeUndefined();
  return response.body.data.orders as OrdersPage;
}

/** Every order matching `filter` (at most 100) as numbers, with the total. */
export async function listAll(url: string, filter: Record<string, unknown> = {}, principal?: Principal) {
  const { edges, totalCount } = await ordersPage(url, { first: 100, filter }, principal);
  return { numbers: edges.map((e) => e.node.number), totalCount };
}
