/**
 * Limits of issue 4 beyond operation size (see operation-limits.test.ts): cost with list sizes from
 * `first`/`last`, introspection off for partners in production, no batched requests, CSRF, persisted
 * documents a partner key can be restricted to, and what a partner sees of an internal error. Every
 * refusal happens before anything reaches the subgraph.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { get, post } from '../gateway/support/gateway-client.js';
import { buildSchema, parse } from 'graphql';
import { readFile } from 'node:fs/promises';
import { OperationCosts, operationCost } from '../../gateway/operation-cost.js';
import { OPERATION_LIMIT_DEFAULTS } from '../../gateway/plugins/useOperationLimits.js';
import {
  buildPersistedDocuments,
  loadPersistedDocuments,
  PERSISTED_DOCUMENTS_FILE,
} from '../../schema/tools/persisted-documents.js';
import { as, startSecurityGraph, type SecurityGraph } from './support/security-graph.js';

const INTROSPECTION = '{ __schema { queryType { name } } }';

describe('the cost limit', () => {
  let graph: SecurityGraph;
  beforeAll(async () => {
    graph = await startSecurityGraph({ limits: { maxCost: 50 } });
  });
  afterAll(() => graph.close());

  it('counts a list by its `first` argument: 3 products cost 3', async () => {
    const response = await post(graph.gateway.url, '{ products(first: 3) { sku name } }', as('partner'));
    expect(response.body.data.products).toHaveLength(3);
  });

  it.each([
    ['a literal', '{ products(first: 60) { sku name } }', {}, 60],
    ['a variable', 'query ($n: Int) { products(first: $n) { sku name } }', { n: 60 }, 60],
    ['a size over the cap, counted as 100', '{ products(first: 100000) { sku name } }', {}, 100],
    ['lists without `first`, counted as 5 each', '{ a: products { sku } b: products { sku } }', {}, 10],
  ])(
    'counts %s: over the limit, refused before calling the subgraph',
    async (_case, query, variables, cost) => {
      const before = graph.subgraphRequests();
      const response = await post(graph.gateway.url, query, as('partner'), variables);
      if (cost <= 50) {
        expect(response.body.errors).toBeUndefined();
        return;
      }
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        errors: [
          { message: `Cost limit of 50 exceeded, found ${cost}.`, extensions: { code: 'LIMIT_EXCEEDED' } },
        ],
      });
      expect(graph.subgraphRequests()).toBe(before);
    },
  );
});

describe('the default cost limit', () => {
  it('lets every example operation through with pages of 50', async () => {
    const schema = buildSchema(await readFile('schema/api.graphql', 'utf8'));
    const documents = await loadPersistedDocuments(PERSISTED_DOCUMENTS_FILE);
    for (const text of documents.values()) {
      const document = parse(text);
      const cost = operationCost(schema, document, undefined, { first: 50 });
      expect({ text, cost: cost <= OPERATION_LIMIT_DEFAULTS.maxCost }).toEqual({ text, cost: true });
    }
  });
});

describe('remembered costs', () => {
  it('answer what operationCost answers, per document, operation and variables', async () => {
    const schema = buildSchema(await readFile('schema/api.graphql', 'utf8'));
    const document = parse(
      'query A($n: Int) { products(first: $n) { edges { node { sku } } } } query B { warehouses { code } }',
    );
    const costs = new OperationCosts();
    for (const [name, variables] of [
      ['A', { n: 10 }],
      ['A', { n: 90 }],
      ['A', { n: 10 }],
      ['B', {}],
    ] as const) {
      expect(costs.of(schema, document, name, variables)).toBe(
        operationCost(schema, document, name, variables),
      );
    }
    expect(costs.of(schema, document, 'A', { n: 90 })).toBeGreaterThan(
      costs.of(schema, document, 'A', { n: 10 }),
    );
  });
});

describe('introspection and suggestions', () => {
  let production: SecurityGraph;
  let demo: SecurityGraph;
  beforeAll(async () => {
    production = await startSecurityGraph({ mode: 'production' });
    demo = await startSecurityGraph();
  });
  afterAll(async () => {
    await production.close();
    await demo.close();
  });

  it('is refused to a partner in production', async () => {
    const response = await post(production.gateway.url, INTROSPECTION, as('partner'));
    expect(response.status).toBe(403);
    expect(response.body).toEqual({
      errors: [{ message: 'Introspection is disabled for partners.', extensions: { code: 'FORBIDDEN' } }],
    });
  });

  it('is refused in production inside an inline fragment and through __type too', async () => {
    for (const query of [
      '{ ... on Query { __schema { types { name } } } }',
      '{ __type(name: "Product") { name } }',
    ]) {
      const response = await post(production.gateway.url, query, as('partner'));
      expect(response.body.errors[0].extensions.code).toBe('FORBIDDEN');
    }
  });

  it('is served to internal callers in production, and to partners in demo mode', async () => {
    const internal = await post(production.gateway.url, INTROSPECTION, as('internal'));
    expect(internal.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    const partner = await post(demo.gateway.url, INTROSPECTION, as('partner'));
    expect(partner.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('lets __typename through for partners in production', async () => {
    const response = await post(production.gateway.url, '{ __typename }', as('partner'));
    expect(response.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('never suggests field names to a partner', async () => {
    const response = await post(production.gateway.url, '{ product(sku: "SKU-1") { nam } }', as('partner'));
    expect(response.body.errors[0].message).toMatch(/^Cannot query field "nam" on type "Product"\./);
    expect(response.body.errors[0].message).not.toMatch(/Did you mean|name/);
  });
});

describe('HTTP: batching and CSRF', () => {
  let graph: SecurityGraph;
  beforeAll(async () => {
    graph = await startSecurityGraph();
  });
  afterAll(() => graph.close());

  it('refuses a batched (array) request, running none of it', async () => {
    const before = graph.subgraphRequests();
    const response = await fetch(graph.gateway.url, {
      method: 'POST',
      headers: { ...as('partner'), 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ products { sku } }' }, { query: '{ products { name } }' }]),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { data?: unknown; errors: { message: string }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors[0]!.message).toMatch(/batching is not supported|expected params to be an object/i);
    expect(graph.subgraphRequests()).toBe(before);
  });

  it('runs no mutation through GET (405)', async () => {
    const before = graph.subgraphRequests();
    const response = await get(
      graph.gateway.url,
      'mutation { rename(sku: "SKU-1", name: "x") { sku } }',
      as('internal'),
    );
    expect(response.status).toBe(405);
    expect(graph.subgraphRequests()).toBe(before);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    'refuses a %s POST without a preflight header (415)',
    async (type) => {
      const response = await fetch(graph.gateway.url, {
        method: 'POST',
        headers: { ...as('internal'), 'content-type': type },
        body: JSON.stringify({ query: 'mutation { rename(sku: "SKU-1", name: "x") { sku } }' }),
      });
      expect(response.status).toBe(415);
      expect(
        ((await response.json()) as { errors: { extensions: unknown }[] }).errors[0]!.extensions,
      ).toEqual({
        code: 'REQUEST_REFUSED',
      });
    },
  );
});

describe('persisted documents', () => {
  const manifest = buildPersistedDocuments(['query Products { products(first: 2) { sku name } }']);
  const [id] = Object.keys(manifest) as [string];
  let graph: SecurityGraph;
  const send = async (body: Record<string, unknown>, caller: 'partner' | 'persisted') => {
    const response = await fetch(graph.gateway.url, {
      method: 'POST',
      headers: { ...as(caller), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const products = {
    data: {
      products: [
        { sku: 'SKU-1', name: 'Product 1' },
        { sku: 'SKU-2', name: 'Product 2' },
      ],
    },
  };

  beforeAll(async () => {
    graph = await startSecurityGraph({ security: { persistedDocuments: new Map(Object.entries(manifest)) } });
  });
  afterAll(() => graph.close());

  it('runs a document by documentId, and by APQ sha256Hash', async () => {
    expect((await send({ documentId: id }, 'persisted')).body).toEqual(products);
    expect((await send({ documentId: `sha256:${id}` }, 'partner')).body).toEqual(products);
    const apq = { extensions: { persistedQuery: { version: 1, sha256Hash: id } } };
    expect((await send(apq, 'persisted')).body).toEqual(products);
  });

  it('refuses an unknown id', async () => {
    const response = await send({ documentId: 'f'.repeat(64) }, 'partner');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      errors: [
        {
          message: `No persisted document has the id ${'f'.repeat(64)}.`,
          extensions: { code: 'PERSISTED_DOCUMENT_NOT_FOUND' },
        },
      ],
    });
  });

  it('refuses any ad-hoc query of a persisted-only key, before validation tells it anything', async () => {
    const before = graph.subgraphRequests();
    for (const query of ['query Products { products(first: 2) { sku name } }', '{ secretField }']) {
      const response = await send({ query }, 'persisted');
      expect(response.status).toBe(403);
      expect(response.body).toEqual({
        errors: [
          {
            message:
              'This credential may only run persisted documents: send a documentId instead of a query.',
            extensions: { code: 'PERSISTED_DOCUMENT_REQUIRED' },
          },
        ],
      });
    }
    expect(graph.subgraphRequests()).toBe(before);
  });

  it('lets other keys send ad-hoc queries', async () => {
    expect((await send({ query: manifest[id] }, 'partner')).body).toEqual(products);
  });
});

describe('errors a partner sees', () => {
  let graph: SecurityGraph;
  beforeAll(async () => {
    graph = await startSecurityGraph();
  });
  afterAll(() => graph.close());

  it('carry the catalogued message and code only: no Odoo message, upstream code, stack or host', async () => {
    const response = await post(graph.gateway.url, '{ odooLeak odooDown }', as('partner'));
    expect(response.body).toEqual({
      data: { odooLeak: null, odooDown: null },
      errors: [
        {
          message: 'A connected system refused the request.',
          path: ['odooLeak'],
          extensions: { code: 'UPSTREAM_ERROR' },
        },
        {
          message: 'A connected system is unavailable; try again later.',
          path: ['odooDown'],
          extensions: { code: 'UPSTREAM_UNAVAILABLE' },
        },
      ],
    });
    expect(JSON.stringify(response.body)).not.toMatch(/odoo\.internal|psycopg2|Traceback|upstreamCode/);
  });

  it('keep the upstream code for internal callers, never the stack', async () => {
    const response = await post(graph.gateway.url, '{ odooLeak }', as('internal'));
    const [error] = response.body.errors;
    expect(error.extensions).toEqual({
      code: 'UPSTREAM_ERROR',
      upstream: 'odoo',
      upstreamCode: 'ODOO_VALIDATION_ERROR',
    });
  });
});

describe('a variable that does not fit its type', () => {
  let graph: SecurityGraph;
  beforeAll(async () => {
    graph = await startSecurityGraph({});
  });
  afterAll(() => graph.close());

  it.each(['partner', 'internal'] as const)(
    'is the client’s mistake (%s caller): BAD_USER_INPUT naming the variable, not an unexpected error',
    async (caller) => {
      const response = await post(
        graph.gateway.url,
        'query ($n: Int) { products(first: $n) { sku } }',
        as(caller),
        { n: 'three' },
      );
      expect(response.body.data).toBeUndefined();
      expect(response.body.errors).toEqual([
        expect.objectContaining({
          message: expect.stringContaining('Variable "$n" got invalid value "three"'),
          extensions: { code: 'BAD_USER_INPUT' },
        }),
      ]);
    },
  );
});
