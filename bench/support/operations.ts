import { print } from 'graphql';
import { ProductPageDocument } from '../../examples/generated/graphql.js';

/** A GraphQL request as the benchmarks send it. */
export interface BenchOperation {
  name: string;
  /** The JSON body of the POST. */
  body: string;
  /** Throws unless `data` is the complete answer this operation expects. */
  check(data: unknown): void;
}

/** The storefront's product page (examples/operations/storefront.graphql): product, stock per warehouse. */
export function storefrontOperation(sku: string): BenchOperation {
  return {
    name: 'storefront: product page (product, stock per warehouse)',
    body: JSON.stringify({ query: print(ProductPageDocument), variables: { sku } }),
    check(data) {
      const product = (data as { product?: { sku: string; stock: unknown[] } | null }).product;
      if (product?.sku !== sku || product.stock.length === 0)
        throw new Error(`product page for ${sku} answered ${JSON.stringify(data)}`);
    },
  };
}

/** A customer's last 20 orders with lines, products, invoices and shipments. */
export const PORTAL_QUERY = /* GraphQL */ `
  query PortalOrders($id: ID!) {
    customer(id: $id) {
      name
      orders(first: 20) {
        edges {
          node {
            number
            status
            orderedAt
            lines {
              quantity {
                value
                unit
              }
              product {
                sku
                name
              }
            }
            invoices {
              number
              status
              amountDue {
                amount
                currency
              }
            }
            shipments {
              trackingNumber
              carrier
              status
            }
          }
        }
      }
    }
  }
`;

interface PortalData {
  customer?: {
    orders: { edges: { node: { lines: unknown[]; invoices: unknown[]; shipments: unknown[] } }[] };
  } | null;
}

/** The portal's order history for `customerId`, who has at least `orders` (confirmed) orders. */
export function portalOperation(customerId: string, orders: number): BenchOperation {
  return {
    name: "portal: a customer's last 20 orders (lines, products, invoices, shipments)",
    body: JSON.stringify({ query: PORTAL_QUERY, variables: { id: customerId } }),
    check(data) {
      const edges = (data as PortalData).customer?.orders.edges ?? [];
      if (edges.length < Math.min(orders, 20) || !edges.some((e) => e.node.shipments.length > 0))
        throw new Error(`portal answered ${JSON.stringify(data).slice(0, 500)}`);
    },
  };
}
