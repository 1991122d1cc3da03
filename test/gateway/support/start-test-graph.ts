import { InMemoryApiKeyStore } from '../../../gateway/auth/api-keys.js';
import { DEMO_API_KEYS } from '../../../gateway/auth/demo-api-keys.js';
import { startGateway, type RunningGateway, type StartGatewayOptions } from '../../../gateway/server.js';
import { TEST_IDENTITY_SECRET } from '../../support/graphql.js';
import {
  composeSupergraph,
  startCatalogSubgraph,
  startStockSubgraph,
  type TestSubgraph,
} from './test-subgraphs.js';

export interface TestGraph {
  gateway: RunningGateway;
  catalog: TestSubgraph;
  stock: TestSubgraph;
  /** `http://127.0.0.1:<port>` of the gateway. */
  origin: string;
  close(): Promise<void>;
}

/** Both test subgraphs and a gateway over their supergraph, with the demo keys (tenant 7 is partner 1). */
export async function startTestGraph(options: Partial<StartGatewayOptions> = {}): Promise<TestGraph> {
  const catalog = await startCatalogSubgraph();
  const stock = await startStockSubgraph();
  const gateway = await startGateway({
    port: 0,
    supergraphSdl: composeSupergraph([catalog, stock]),
    identitySecret: TEST_IDENTITY_SECRET,
    apiKeys: new InMemoryApiKeyStore(
      DEMO_API_KEYS({ internal: true, partners: [{ tenantPartnerId: 7, name: 'Harbor Grill' }] }),
    ),
    // Suites that present many wrong credentials on purpose; the throttle has its own tests.
    security: { authFailures: { capacity: 1_000, refillPerSecond: 1_000 } },
    ...options,
  });
  return {
    gateway,
    catalog,
    stock,
    origin: new URL(gateway.url).origin,
    close: async () => {
      await gateway.close();
      await catalog.close();
      await stock.close();
    },
  };
}
