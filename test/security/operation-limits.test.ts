/**
 * Operation size limits at the gateway: each one trips with LIMIT_EXCEEDED naming the limit, and
 * nothing reaches a subgraph. Each case lowers one limit so the documents stay readable; the defaults
 * are in gateway/plugins/useOperationLimits.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_INTERNAL_API_KEY } from '../../gateway/auth/demo-api-keys.js';
import type { OperationLimitsOptions } from '../../gateway/plugins/useOperationLimits.js';
import { post } from '../gateway/support/gateway-client.js';
import { startTestGraph, type TestGraph } from '../gateway/support/start-test-graph.js';

const auth = { authorization: `Bearer ${DEMO_INTERNAL_API_KEY}` };

const cases: [string, OperationLimitsOptions, string, RegExp][] = [
  ['depth', { maxDepth: 1 }, '{ products { sku } }', /depth limit of 1 exceeded/i],
  ['aliases', { maxAliases: 2 }, '{ a: products { sku } b: products { sku } c: products { sku } }', /alias/i],
  [
    'directives',
    { maxDirectives: 2 },
    '{ products { sku @include(if: true) @skip(if: false) name @include(if: true) } }',
    /directive/i,
  ],
  [
    'root fields',
    { maxRootFields: 2 },
    '{ products { sku } warehouseCount notFound }',
    /Root field limit of 2 exceeded, found 3/,
  ],
  [
    'tokens',
    { maxTokens: 60 },
    `{ products { ${Array.from({ length: 80 }, () => 'sku').join(' ')} } }`,
    /token/i,
  ],
  ['cost', { maxCost: 4 }, '{ products { sku name onHand } }', /cost limit of 4 exceeded, found 5/i],
];

describe.each(cases)('the %s limit', (_name, limits, query, message) => {
  let graph: TestGraph;
  const subgraphRequests = () => graph.catalog.httpHeaders.length + graph.stock.httpHeaders.length;

  beforeAll(async () => {
    graph = await startTestGraph({ limits });
  });
  afterAll(() => graph.close());

  it('lets a small operation through', async () => {
    const response = await post(graph.gateway.url, '{ warehouseCount }', auth);
    expect(response.body).toEqual({ data: { warehouseCount: 2 } });
  });

  it('refuses an operation over it with LIMIT_EXCEEDED, before any subgraph is called', async () => {
    const before = subgraphRequests();
    const response = await post(graph.gateway.url, query, auth);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors.length).toBeGreaterThan(0);
    for (const error of response.body.errors) expect(error.extensions.code).toBe('LIMIT_EXCEEDED');
    expect(response.body.errors.map((error: { message: string }) => error.message).join(' ')).toMatch(
      message,
    );
    expect(subgraphRequests()).toBe(before);
  });
});

describe('field suggestions', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph();
  });
  afterAll(() => graph.close());

  it('are never offered, so typos cannot rebuild the schema', async () => {
    const response = await post(graph.gateway.url, '{ product { sku } }', auth);
    expect(response.body.errors[0].message).not.toMatch(/Did you mean/);
  });
});
