import { startOrdersSubgraph } from '../../../subgraphs/orders/server.js';
import { startSubgraphHarness, type SubgraphHarness } from '../../support/subgraph-harness.js';

export type OrdersHarness = SubgraphHarness;

export function startOrdersHarness(demo = { scale: 0.25, seed: 1 }): Promise<OrdersHarness> {
  return startSubgraphHarness('orders', startOrdersSubgraph, demo);
}
