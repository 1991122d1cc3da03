import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger } from '../../../platform/logger.js';
import type { RunningSubgraph } from '../../../platform/graphql/start-subgraph-server.js';
import { toGlobalId } from '../../../schema/canonical/global-id.js';
import { startInventorySubgraph } from '../../../subgraphs/inventory/server.js';
import { internalPrincipal, partnerPrincipal, postAs, TEST_IDENTITY_SECRET } from '../../support/graphql.js';
import { startOdooFixture, type OdooFixture } from '../../support/odoo.js';

describe('inventory subgraph over HTTP', () => {
  let odoo: OdooFixture;
  let subgraph: RunningSubgraph;
  const ask = (query: string, variables: Record<string, unknown> = {}) =>
    postAs(subgraph.url, internalPrincipal, query, variables);

  beforeAll(async () => {
    odoo = await startOdooFixture({ scale: 0.25, seed: 2 });
    subgraph = await startInventorySubgraph({
      odoo: odoo.client,
      logger: createLogger({ name: 'inventory', level: 'silent' }),
      identitySecret: TEST_IDENTITY_SECRET,
    });
  });
  afterAll(async () => {
    await subgraph.close();
    await odoo.close();
  });

  it('answers product(sku) with the product as Odoo has it and its stock per warehouse', async () => {
    const [record] = await odoo.client.searchRead('product.product', {
      domain: [
        ['is_storable', '=', true],
        ['barcode', '!=', false],
      ],
      fields: ['default_code', 'name', 'barcode', 'list_price', 'uom_id', 'is_storable', 'write_date'],
      limit: 1,
      order: 'default_code',
    });
    const warehouses = await odoo.client.searchRead('stock.warehouse', {
      fields: ['code', 'name'],
      order: 'code, id',
    });
    const stock = await Promise.all(
      warehouses.map(async (w) => {
        const [figures] = await odoo.client.read(
          'product.product',
          [record!.id],
          ['qty_available', 'free_qty'],
          { warehouse: w.id },
        );
        return {
          warehouse: { code: w.code, name: w.name },
          onHand: { value: String(figures!.qty_available), unit: record!.uom_id!.name },
          available: { value: String(figures!.free_qty), unit: record!.uom_id!.name },
        };
      }),
    );
    const response = await ask(
      `query ($sku: String!) { product(sku: $sku) { id sku name barcode unit listPrice { amount currency } tracksInventory updatedAt
         stock { warehouse { code name } onHand { value unit } available { value unit } } } }`,
      { sku: record!.default_code },
    );
    expect(response).toEqual({
      status: 200,
      body: {
        data: {
          product: {
            id: toGlobalId('Product', record!.id),
            sku: record!.default_code,
            name: record!.name,
            barcode: record!.barcode,
            unit: record!.uom_id!.name,
            listPrice: { amount: record!.list_price, currency: 'USD' },
            tracksInventory: true,
            updatedAt: record!.write_date,
            stock,
          },
        },
      },
    });
  });

  it('answers null for an unknown SKU', async () => {
    expect((await ask('{ product(sku: "NO-SUCH-SKU") { sku } }')).body).toEqual({ data: { product: null } });
  });

  it('pages through the catalogue by SKU with cursors, and filters', async () => {
    const all = await odoo.client.searchRead('product.product', {
      domain: [['default_code', '!=', false]],
      fields: ['default_code'],
      order: 'default_code, id',
    });
    const query = `query ($after: String, $filter: ProductFilter) { products(first: 5, after: $after, filter: $filter) {
      edges { node { sku } } pageInfo { hasNextPage endCursor } } }`;
    const first = await ask(query);
    expect(first.body.data.products.edges.map((e: any) => e.node.sku)).toEqual(
      all.slice(0, 5).map((r) => r.default_code),
    );
    expect(first.body.data.products.pageInfo.hasNextPage).toBe(true);
    const second = await ask(query, { after: first.body.data.products.pageInfo.endCursor });
    expect(second.body.data.products.edges.map((e: any) => e.node.sku)).toEqual(
      all.slice(5, 10).map((r) => r.default_code),
    );
    const sku = all[7]!.default_code!;
    const found = await ask(query, { filter: { search: sku.toLowerCase() } });
    expect(found.body.data.products.edges.map((e: any) => e.node.sku)).toContain(sku);
  });

  it('lists warehouses by code', async () => {
    const warehouses = await odoo.client.searchRead('stock.warehouse', {
      fields: ['code', 'name'],
      order: 'code, id',
    });
    const response = await ask('{ warehouses { id code name } }');
    expect(response.body).toEqual({
      data: {
        warehouses: warehouses.map((w) => ({
          id: toGlobalId('Warehouse', w.id),
          code: w.code,
          name: w.name,
        })),
      },
    });
  });

  it('answers availability per line, in order, with the shortfall', async () => {
    const [product] = await odoo.client.searchRead('product.product', {
      domain: [['is_storable', '=', true]],
      fields: ['default_code', 'free_qty'],
      order: 'free_qty desc',
      limit: 1,
    });
    const free = product!.free_qty!;
    const response = await ask(
      `query ($lines: [AvailabilityLineInput!]!) { availability(lines: $lines) { sku requested available shortfall status } }`,
      {
        lines: [
          { sku: product!.default_code, quantity: '1' },
          { sku: 'NOPE', quantity: '2' },
          { sku: product!.default_code, quantity: String(free + 5) },
        ],
      },
    );
    expect(response.body).toEqual({
      data: {
        availability: [
          {
            sku: product!.default_code,
            requested: '1',
            available: String(free),
            shortfall: '0',
            status: 'AVAILABLE',
          },
          { sku: 'NOPE', requested: '2', available: '0', shortfall: '2', status: 'UNKNOWN_PRODUCT' },
          {
            sku: product!.default_code,
            requested: String(free + 5),
            available: String(free),
            shortfall: '5',
            status: 'PARTIALLY_AVAILABLE',
          },
        ],
      },
    });
  });

  it('refuses bad arguments with BAD_USER_INPUT at the right path', async () => {
    const response = await ask('{ products(first: 500) { edges { cursor } } }');
    expect(response.body).toEqual({
      data: null,
      errors: [
        {
          message: 'first must be between 1 and 100.',
          locations: [{ line: 1, column: 3 }],
          path: ['products'],
          extensions: {
            code: 'BAD_USER_INPUT',
            issues: [{ argument: 'first', message: 'must be between 1 and 100' }],
          },
        },
      ],
    });
    const bad = await ask('{ availability(lines: [{ sku: "X", quantity: "0" }], warehouse: "ZZZ") { sku } }');
    expect(bad.body.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      issues: [
        { argument: 'lines[0].quantity', message: 'must be greater than zero' },
        { argument: 'warehouse', message: 'no warehouse has code ZZZ' },
      ],
    });
  });

  it('refuses anonymous callers and a forged identity', async () => {
    const anonymous = await postAs(subgraph.url, null, '{ warehouses { code } }');
    expect(anonymous.body.errors?.[0]).toMatchObject({
      path: ['warehouses'],
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const forged = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dg-identity': 'not.a.token' },
      body: JSON.stringify({ query: '{ warehouses { code } }' }),
    });
    expect(forged.status).toBe(401);
    expect((await forged.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('resolves Product entities by SKU for other subgraphs', async () => {
    const [product] = await odoo.client.searchRead('product.product', {
      domain: [['default_code', '!=', false]],
      fields: ['default_code', 'name'],
      limit: 1,
    });
    const response = await postAs(
      subgraph.url,
      partnerPrincipal(1),
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Product { sku name } } }`,
      {
        r: [
          { __typename: 'Product', sku: product!.default_code },
          { __typename: 'Product', sku: 'NO-SUCH' },
        ],
      },
    );
    expect(response.body).toEqual({
      data: { _entities: [{ sku: product!.default_code, name: product!.name }, null] },
    });
  });

  it('answers Product entities asked for their name alone as when asked for more', async () => {
    const products = await odoo.client.searchRead('product.product', {
      domain: [['default_code', '!=', false]],
      fields: ['default_code', 'name', 'barcode', 'uom_id'],
      limit: 3,
    });
    const r = [
      ...products.map((p) => ({ __typename: 'Product', sku: p.default_code })),
      { __typename: 'Product', sku: 'NO-SUCH' },
    ];
    const entities = (selection: string, fragments = '') =>
      postAs(
        subgraph.url,
        internalPrincipal,
        `query ($r: [_Any!]!) { _entities(representations: $r) { __typename ${selection} } } ${fragments}`,
        { r },
      );
    const names = products.map((p) => ({
      __typename: 'Product',
      id: expect.any(String),
      sku: p.default_code,
      name: p.name,
    }));
    expect((await entities('... on Product { id sku name } ... on Warehouse { code }')).body).toEqual({
      data: { _entities: [...names, null] },
    });
    // A fragment asking for more reads the whole product.
    const more = products.map((p, i) => ({
      ...names[i],
      barcode: p.barcode,
      unit: p.uom_id?.name ?? 'Units',
    }));
    expect(
      (await entities('... on Product { id sku name ...More }', 'fragment More on Product { barcode unit }'))
        .body,
    ).toEqual({
      data: { _entities: [...more, null] },
    });
    expect((await entities('... on Product { id sku name barcode unit }')).body).toEqual({
      data: { _entities: [...more, null] },
    });
  });

  it('costs the same Odoo calls for 50 products with stock as for 5', async () => {
    const query = `query ($n: Int!) { products(first: $n) { edges { node { sku listPrice { amount } stock { onHand { value } available { value } } } } } }`;
    const cost = async (n: number) => {
      odoo.odoo.emulator.calls.reset();
      const response = await ask(query, { n });
      expect(response.body.data.products.edges).toHaveLength(n);
      return odoo.odoo.emulator.calls.snapshot();
    };
    const five = await cost(5);
    const fifty = await cost(50);
    expect(fifty).toEqual(five);
  });
});
