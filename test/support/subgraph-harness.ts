import type { OdooClient } from '../../connectors/odoo/client.js';
import type { RunningSubgraph } from '../../platform/graphql/start-subgraph-server.js';
import { createLogger, type Logger } from '../../platform/logger.js';
import { TEST_IDENTITY_SECRET } from './graphql.js';
import { startOdooFixture, type OdooFixture } from './odoo.js';

/** An emulated Odoo with demo data and one subgraph in front of it, both on port 0. */
export interface SubgraphHarness {
  odoo: OdooFixture;
  subgraph: RunningSubgraph;
  url: string;
  close(): Promise<void>;
}

type StartSubgraph = (options: {
  odoo: OdooClient;
  port: number;
  logger: Logger;
  identitySecret: string;
}) => Promise<RunningSubgraph>;

export async function startSubgraphHarness(
  name: string,
  start: StartSubgraph,
  demo: { scale: number; seed: number },
): Promise<SubgraphHarness> {
  const odoo = await startOdooFixture(demo);
  const subgraph = await start({
    odoo: odoo.client,
    port: 0,
    logger: createLogger({ name, level: 'silent' }),
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
