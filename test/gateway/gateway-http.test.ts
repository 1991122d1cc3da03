import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyIdentity } from '../../platform/auth/identity-token.js';
import {
  DEMO_INTERNAL_API_KEY,
  DEMO_PARTNER1_API_KEY,
  PARTNER_DEMO_SCOPES,
} from '../../gateway/auth/demo-api-keys.js';
import { TEST_IDENTITY_SECRET } from '../support/graphql.js';
import { get, post } from './support/gateway-client.js';
import { startTestGraph, type TestGraph } from './support/start-test-graph.js';

const internal = { authorization: `Bearer ${DEMO_INTERNAL_API_KEY}` };
let graph: TestGraph;

beforeAll(async () => {
  graph = await startTestGraph();
});
afterAll(() => graph.close());

describe('gateway over HTTP', () => {
  it('resolves a query across both subgraphs (entities)', async () => {
    const result = await post(graph.gateway.url, '{ products { sku name onHand } }', internal);
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      data: {
        products: [
          { sku: 'SKU-1', name: 'Olive oil 5 l', onHand: 12 },
          { sku: 'SKU-2', name: 'Basmati rice 10 kg', onHand: 0 },
        ],
      },
    });
  });

  it('answers queries sent with GET', async () => {
    const result = await get(graph.gateway.url, '{ warehouseCount }', { 'x-api-key': DEMO_INTERNAL_API_KEY });
    expect(result).toMatchObject({ status: 200, body: { data: { warehouseCount: 2 } } });
  });

  it('refuses a mutation sent with GET and runs it with POST', async () => {
    const mutation = 'mutation { rename(sku: "SKU-1", name: "Oil") { sku name } }';
    const viaGet = await get(graph.gateway.url, mutation, internal);
    expect(viaGet.status).toBe(405);
    expect(viaGet.body).toEqual({
      errors: [
        {
          message: 'Can only perform a mutation operation from a POST request.',
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
    const viaPost = await post(graph.gateway.url, mutation, internal);
    expect(viaPost.body).toEqual({ data: { rename: { sku: 'SKU-1', name: 'Oil' } } });
  });

  it('refuses a caller without a key with 401 UNAUTHENTICATED', async () => {
    const result = await post(graph.gateway.url, '{ warehouseCount }');
    expect(result.status).toBe(401);
    expect(result.body).toEqual({
      errors: [
        { message: 'Authentication required: present an API key.', extensions: { code: 'UNAUTHENTICATED' } },
      ],
    });
  });

  it.each([
    ['an unknown key', { authorization: 'Bearer dg_demo_internal_00000000000000000000000000000000' }],
    ['a garbage key', { 'x-api-key': 'not-a-key' }],
    ['Basic auth', { authorization: 'Basic dXNlcjpwYXNz' }],
  ])('refuses %s with 401 UNAUTHENTICATED', async (_label, headers) => {
    const result = await post(graph.gateway.url, '{ warehouseCount }', headers);
    expect(result.status).toBe(401);
    expect(result.body.errors).toHaveLength(1);
    expect(result.body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(result.body.data).toBeUndefined();
  });

  it('sends each subgraph a verifiable identity and the client correlation id, never the client key', async () => {
    graph.catalog.httpHeaders.length = 0;
    graph.stock.httpHeaders.length = 0;
    const headers = {
      authorization: `Bearer ${DEMO_PARTNER1_API_KEY}`,
      'x-correlation-id': 'po-4711.retry_2',
    };
    const result = await post(graph.gateway.url, '{ products { sku onHand } }', headers);
    expect(result.headers.get('x-correlation-id')).toBe('po-4711.retry_2');
    for (const received of [graph.catalog.httpHeaders[0], graph.stock.httpHeaders[0]]) {
      expect(received?.['x-correlation-id']).toBe('po-4711.retry_2');
      expect(received?.authorization).toBeUndefined();
      expect(received?.['x-api-key']).toBeUndefined();
      await expect(
        verifyIdentity(String(received?.['x-dg-identity']), TEST_IDENTITY_SECRET),
      ).resolves.toEqual({
        kind: 'partner',
        id: 'demo-partner-1',
        name: 'Harbor Grill',
        partnerKind: 'customer',
        tenantPartnerId: 7,
        scopes: PARTNER_DEMO_SCOPES,
      });
    }
  });

  it('replaces an unsafe client correlation id with a generated one', async () => {
    const result = await post(graph.gateway.url, '{ warehouseCount }', {
      ...internal,
      'x-correlation-id': 'a b<script>',
    });
    expect(result.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('passes a subgraph error with a code through, with its path, without its stack trace', async () => {
    const result = await post(graph.gateway.url, '{ notFound warehouseCount }', internal);
    expect(result.body).toEqual({
      data: { notFound: null, warehouseCount: 2 },
      errors: [{ message: 'No such product.', path: ['notFound'], extensions: { code: 'NOT_FOUND' } }],
    });
  });

  it('masks an unexpected subgraph failure', async () => {
    const result = await post(graph.gateway.url, '{ boom }', internal);
    expect(result.body).toEqual({
      data: { boom: null },
      errors: [
        { message: 'Unexpected error.', path: ['boom'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      ],
    });
  });
});
