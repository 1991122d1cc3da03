import { Decimal } from 'decimal.js';
import type { MoneyShape } from '../../../platform/graphql/create-subgraph-builder.js';
import type { Order, OrderLine } from '../../../schema/canonical/orders.js';
import type { OdooClient } from '../client.js';

/** An order with its lines, whose margin is wanted. */
export interface OrderWithLines {
  order: Order;
  lines: readonly OrderLine[];
}

/**
 * Order margins: the untaxed total minus Σ(ordered quantity × the product's cost, Odoo
 * `standard_price`). One product read for every order of a batch. Costs are in the company currency;
 * an order in another currency gets its margin against those same figures (no conversion).
 */
export class OdooOrderMargins {
  constructor(private readonly client: OdooClient) {}

  async of(orders: readonly OrderWithLines[]): Promise<MoneyShape[]> {
    const productIds = [
      ...new Set(orders.flatMap(({ lines }) => lines.flatMap((line) => line.productRowId ?? []))),
    ];
    const costs = new Map<number, string>();
    if (productIds.length > 0) {
      const records = await this.client.read('product.product', productIds, ['standard_price']);
      for (const record of records) costs.set(record.id, record.standard_price ?? '0');
    }
    return orders.map(({ order, lines }) => {
      const cost = lines.reduce(
        (sum, line) =>
          line.productRowId === null
            ? sum
            : sum.plus(new Decimal(line.orderedQuantity).times(costs.get(line.productRowId) ?? '0')),
        new Decimal(0),
      );
      const { amount, currency } = order.totals.untaxed;
      const decimals = amount.split('.')[1]?.length ?? 2;
      return { amount: new Decimal(amount).minus(cost).toFixed(decimals), currency };
    });
  }
}
