import type { RunningSubgraph } from '../../../platform/graphql/start-subgraph-server.js';
import { createLogger } from '../../../platform/logger.js';
import { startOrdersSubgraph } from '../../../subgraphs/orders/server.js';
import { TEST_IDENTITY_SECRET } from '../../support/graphql.js';
import { startOdooFixture, type OdooFixture } from '../../support/odoo.js';

/** An emulated Odoo with demo data and the orders subgraph in front of it, both on port 0. */
export interface OrdersHarness {
  odoo: OdooFixture;
  subgraph: RunningSubgraph;
  url: string;
  close(): Promise<void>;
}

export async function startOrdersHarness(demo = { scale: 0.25, seed: 1 }): Promise<OrdersHarness> {
  const odoo = await startOdooFixture(demo);
  const subgraph = await startOrdersSubgraph({
    odoo: odoo.client,
    port: 0,
    logger: createLogger({ name: 'orders', level: 'silent' }),
    identitySecret: TEST_IDENTITY_SECRET,
  });
  return {
    odoo,
    subgraph,
    url: subgraph.url,
    close: async () => {
      await subgraph.close();
      await odoo.close();
    },
  };
}
