import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyIdentity } from '../../platform/auth/identity-token.js';
import { DEMO_INTERNAL_API_KEY, DEMO_PARTNER1_API_KEY } from '../../gateway/auth/demo-api-keys.js';
import { TEST_IDENTITY_SECRET } from '../support/graphql.js';
import { post, subscribe } from './support/gateway-client.js';
import { startTestGraph, type TestGraph } from './support/start-test-graph.js';

const SUBSCRIPTION = 'subscription { productChanged { sku name onHand } }';
let graph: TestGraph;

beforeAll(async () => {
  graph = await startTestGraph({ allowAnonymous: true });
});
afterAll(() => graph.close());

describe('gateway over graphql-ws', () => {
  it('forwards a subscription to its subgraph, joins the other subgraph, as the connectionParams caller', async () => {
    graph.catalog.wsParams.length = 0;
    const results = await subscribe(graph.gateway.url, SUBSCRIPTION, {
      authorization: `Bearer ${DEMO_PARTNER1_API_KEY}`,
      'x-correlation-id': 'ws-corr-1',
    });
    expect(results).toEqual([
      { data: { productChanged: { sku: 'SKU-1', name: 'Olive oil 5 l', onHand: 12 } } },
      { data: { productChanged: { sku: 'SKU-2', name: 'Basmati rice 10 kg', onHand: 0 } } },
    ]);
    expect(graph.catalog.wsParams).toHaveLength(1);
    const params = graph.catalog.wsParams[0]!;
    expect(params['x-correlation-id']).toBe('ws-corr-1');
    expect(params.authorization).toBeUndefined();
    const principal = await verifyIdentity(String(params['x-dg-identity']), TEST_IDENTITY_SECRET);
    expect(principal).toMatchObject({ kind: 'partner', id: 'demo-partner-1', tenantPartnerId: 7 });
  });

  it('accepts { apiKey } in connectionParams', async () => {
    const results = await subscribe(graph.gateway.url, 'subscription { productChanged { sku } }', {
      apiKey: DEMO_INTERNAL_API_KEY,
    });
    expect(results).toEqual([
      { data: { productChanged: { sku: 'SKU-1' } } },
      { data: { productChanged: { sku: 'SKU-2' } } },
    ]);
  });

  it('refuses an invalid key over graphql-ws even where anonymous access is allowed', async () => {
    const results = await subscribe(graph.gateway.url, SUBSCRIPTION, { apiKey: 'dg_nope_0000000000000000' });
    expect(results).toEqual([
      { errors: [{ message: 'The API key is invalid.', extensions: { code: 'UNAUTHENTICATED' } }] },
    ]);
  });

  it('lets an anonymous caller in when allowed, with no identity sent to subgraphs', async () => {
    graph.catalog.wsParams.length = 0;
    graph.stock.httpHeaders.length = 0;
    const results = await subscribe(graph.gateway.url, SUBSCRIPTION, {});
    expect(results).toHaveLength(2);
    expect(graph.catalog.wsParams[0]?.['x-dg-identity']).toBeUndefined();
    expect(graph.stock.httpHeaders[0]?.['x-dg-identity']).toBeUndefined();
    const http = await post(graph.gateway.url, '{ warehouseCount }');
    expect(http).toMatchObject({ status: 200, body: { data: { warehouseCount: 2 } } });
  });

  it('never lets one caller share another caller’s in-flight subgraph fetch', async () => {
    graph.stock.httpHeaders.length = 0;
    await Promise.all([
      post(graph.gateway.url, '{ warehouseCount }', { 'x-api-key': DEMO_INTERNAL_API_KEY }),
      post(graph.gateway.url, '{ warehouseCount }', { 'x-api-key': DEMO_PARTNER1_API_KEY }),
    ]);
    const ids = await Promise.all(
      graph.stock.httpHeaders.map((h) => verifyIdentity(String(h['x-dg-identity']), TEST_IDENTITY_SECRET)),
    );
    expect(ids.map((p) => p.id).sort()).toEqual(['demo-internal', 'demo-partner-1']);
  });
});
