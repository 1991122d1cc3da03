/**
 * Authentication comes before anything else looks at the document: a caller without a valid credential
 * gets the same 401 whether its query is valid, names fields that do not exist or does not even parse,
 * over HTTP and over graphql-ws, so it cannot map the schema from validation errors.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { post, subscribe } from '../gateway/support/gateway-client.js';
import { as, startSecurityGraph, type SecurityGraph } from './support/security-graph.js';

let graph: SecurityGraph;
beforeAll(async () => {
  graph = await startSecurityGraph();
});
afterAll(() => graph.close());

const QUERIES = [
  ['a valid query', '{ product(sku: "SKU-1") { name } }'],
  ['a query naming a field that does not exist', '{ product(sku: "SKU-1") { cost } }'],
  ['a query with a misspelt field', '{ prodcts { sku } }'],
  ['a document that does not parse', '{ product(sku: '],
] as const;

const CALLERS = [
  ['no credential', {}, 'Authentication required: present an API key.'],
  ['a wrong API key', { authorization: 'Bearer dg_wrong_0000000000000000' }, 'The API key is invalid.'],
  ['a Basic credential', { authorization: 'Basic dXNlcjpwYXNz' }, undefined],
] as const;

describe.each(CALLERS)('a caller with %s', (_caller, headers, message) => {
  it.each(QUERIES)(
    'gets the same 401 for %s over HTTP, and nothing reaches the subgraph',
    async (_q, query) => {
      const before = graph.subgraphRequests();
      const response = await post(graph.gateway.url, query, headers);
      expect(response.status).toBe(401);
      expect(response.body.errors).toHaveLength(1);
      expect(response.body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
      if (message) expect(response.body.errors[0].message).toBe(message);
      expect(response.body.data).toBeUndefined();
      expect(graph.subgraphRequests()).toBe(before);
    },
  );
});

describe('over graphql-ws', () => {
  it.each(QUERIES)('a wrong key gets UNAUTHENTICATED, not a validation error, for %s', async (_q, query) => {
    const results = await subscribe(graph.gateway.url, query, { authorization: 'Bearer dg_wrong_000000' });
    expect(results).toEqual([
      { errors: [{ message: 'The API key is invalid.', extensions: { code: 'UNAUTHENTICATED' } }] },
    ]);
  });

  it('an authenticated caller does get the validation error', async () => {
    const results = await subscribe(graph.gateway.url, '{ product(sku: "SKU-1") { cost } }', {
      authorization: as('partner').authorization,
    });
    expect(results).toMatchObject([{ errors: [{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] }]);
  });
});

describe('an authenticated caller over HTTP', () => {
  it('gets the validation error (suggestions off), so the 401s above are about the credential alone', async () => {
    const response = await post(graph.gateway.url, '{ product(sku: "SKU-1") { cost } }', as('partner'));
    expect(response.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.body.errors[0].message).not.toMatch(/Did you mean/);
  });
});
