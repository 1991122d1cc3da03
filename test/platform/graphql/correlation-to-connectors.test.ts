import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OdooClient, odooConfigSchema } from '../../../connectors/odoo/index.js';
import { startOdooEmulator, type RunningOdooEmulator } from '../../../connectors/odoo/emulator/server.js';
import { createHttpClient, type HttpClient } from '../../../connectors/shared/http-client.js';
import type { RunningSubgraph } from '../../../platform/graphql/start-subgraph-server.js';
import { signIdentity } from '../../../platform/auth/identity-token.js';
import { createLogger } from '../../../platform/logger.js';
import { startInventorySubgraph } from '../../../subgraphs/inventory/server.js';
import { internalPrincipal, TEST_IDENTITY_SECRET } from '../../support/graphql.js';

let odoo: RunningOdooEmulator;
let http: HttpClient;
let subgraph: RunningSubgraph;
/** The correlation id header of every request the subgraph's Odoo client sent, in order. */
const sent: (string | undefined)[] = [];

beforeAll(async () => {
  odoo = await startOdooEmulator({ port: 0, demo: { scale: 0.25, seed: 1 } });
  http = createHttpClient();
  const client = new OdooClient({
    config: odooConfigSchema.parse({
      url: odoo.url,
      apiKey: odoo.apiKey,
      database: odoo.database,
      login: odoo.login,
      protocol: 'json2',
    }),
    logger: createLogger({ name: 'odoo', level: 'silent' }),
    // The real HTTP sender, noting what each request carried on its way to the emulated Odoo.
    send: (url, request) => {
      sent.push(request.headers['x-correlation-id']);
      return http.send(url, request);
    },
  });
  subgraph = await startInventorySubgraph({
    odoo: client,
    port: 0,
    logger: createLogger({ name: 'inventory', level: 'silent' }),
    identitySecret: TEST_IDENTITY_SECRET,
  });
});

afterAll(async () => {
  await subgraph.close();
  await odoo.close();
  await http.close();
});

async function warehousesWith(headers: Record<string, string>) {
  sent.length = 0;
  const response = await fetch(subgraph.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-dg-identity': await signIdentity(internalPrincipal, TEST_IDENTITY_SECRET),
      ...headers,
    },
    body: JSON.stringify({
      query:
        '{ warehouses { code } products(first: 2) { edges { node { sku stock { warehouse { code } } } } } }',
    }),
  });
  const body = (await response.json()) as { data?: { warehouses: unknown[] } };
  expect(body.data?.warehouses.length).toBeGreaterThan(0);
  // Several Odoo calls, so one id each would show.
  expect(sent.length).toBeGreaterThan(1);
}

describe("a subgraph request's correlation id", () => {
  it('reaches every Odoo call the request makes', async () => {
    await warehousesWith({ 'x-correlation-id': 'po-4711.retry_2' });
    expect(new Set(sent)).toEqual(new Set(['po-4711.retry_2']));
  });

  it('is one new id for the whole request when the caller sent none', async () => {
    await warehousesWith({});
    expect(new Set(sent).size).toBe(1);
    expect(sent[0]).toMatch(/^[0-9a-f-]{36}$/);
  });
});
