/**
 * The product as a client meets it: the embedded stack (emulated Odoo, three subgraphs, the gateway)
 * over real HTTP, every root field through the gateway with the generated typed documents, and the
 * answers checked against what Odoo holds.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OdooClient, odooConfigSchema } from '../../connectors/odoo/index.js';
import {
  CartAvailabilityDocument,
  CatalogueDocument,
  CustomerAccountDocument,
  InvoiceDetailDocument,
  OrderDetailDocument,
  OverdueInvoicesDocument,
  ProductPageDocument,
  RecentOrdersDocument,
  WarehousesDocument,
} from '../../examples/generated/graphql.js';
import { runOperation } from '../../examples/storefront/graph-client.js';
import { DEMO_INTERNAL_API_KEY, DEMO_PARTNER1_API_KEY } from '../../gateway/auth/demo-api-keys.js';
import { createLogger } from '../../platform/logger.js';
import { toGlobalId } from '../../schema/canonical/global-id.js';
import { startEmbeddedStack, type EmbeddedStack } from '../../stack/embedded-stack.js';
import { sample, scrape } from '../observability/prometheus-text.js';

describe('the graph through the gateway', () => {
  let stack: EmbeddedStack;
  let odoo: OdooClient;
  let url: string;

  beforeAll(async () => {
    stack = await startEmbeddedStack({
      logger: createLogger({ name: 'e2e', level: 'silent' }),
      odoo: { port: 0, demo: { scale: 1, seed: 5 } },
    });
    url = stack.gateway.url;
    const config = odooConfigSchema.parse({
      url: stack.odoo.url,
      apiKey: stack.odoo.apiKey,
      database: stack.odoo.database,
      login: stack.odoo.login,
    });
    odoo = new OdooClient({ config, logger: createLogger({ name: 'odoo', level: 'silent' }) });
  });
  afterAll(() => stack.close());

  it('answers one order with its customer, lines, products with stock, and invoices in one request', async () => {
    const [order] = await odoo.searchRead('sale.order', {
      domain: [
        ['invoice_ids', '!=', false],
        ['state', '=', 'sale'],
      ],
      fields: ['name', 'client_order_ref', 'partner_id', 'amount_total', 'invoice_ids', 'order_line'],
      limit: 1,
      order: 'id',
    });
    const lines = await odoo.searchRead('sale.order.line', {
      domain: [['order_id', '=', order!.id]],
      fields: ['product_uom_qty', 'price_unit', 'price_subtotal', 'product_id'],
      order: 'id',
    });
    const products = await odoo.read(
      'product.product',
      lines.map((line) => line.product_id!.id),
      ['default_code', 'name'],
    );
    const invoices = await odoo.read('account.move', order!.invoice_ids, ['name', 'amount_residual']);
    const { status, data, errors } = await runOperation(url, DEMO_INTERNAL_API_KEY, OrderDetailDocument, {
      number: order!.name!,
    });
    expect(errors).toBeUndefined();
    expect(status).toBe(200);
    const got = data!.order!;
    expect(got.number).toBe(order!.name);
    expect(got.customerReference).toBe(order!.client_order_ref);
    expect(got.customer.name).toBe(order!.partner_id!.name);
    expect(got.totals.total).toEqual({ amount: order!.amount_total, currency: 'USD' });
    expect(got.lines.map((line) => line.product?.sku)).toEqual(
      lines.map((line) => products.find((p) => p.id === line.product_id!.id)!.default_code),
    );
    expect(got.lines.map((line) => line.subtotal.amount)).toEqual(lines.map((line) => line.price_subtotal));
    for (const line of got.lines)
      expect(line.product!.stock.map((level) => level.warehouse.code)).toEqual(['CHI', 'DAL', 'NWK']);
    expect(got.invoices.map((invoice) => [invoice.number, invoice.amountDue.amount])).toEqual(
      invoices.map((invoice) => [invoice.name, invoice.amount_residual]),
    );
  });

  it('serves the catalogue, a product page, warehouses and availability', async () => {
    const catalogue = await runOperation(url, DEMO_INTERNAL_API_KEY, CatalogueDocument, {
      first: 3,
      filter: { search: 'cup' },
    });
    expect(catalogue.errors).toBeUndefined();
    const skus = catalogue.data!.products.edges.map((edge) => edge.node.sku);
    expect(skus.length).toBeGreaterThan(0);
    const page = await runOperation(url, DEMO_INTERNAL_API_KEY, ProductPageDocument, { sku: skus[0]! });
    expect(page.data!.product!.sku).toBe(skus[0]);
    const warehouses = await runOperation(url, DEMO_INTERNAL_API_KEY, WarehousesDocument, {});
    expect(warehouses.data!.warehouses.map((w) => w.code)).toEqual(['CHI', 'DAL', 'NWK']);
    const cart = await runOperation(url, DEMO_INTERNAL_API_KEY, CartAvailabilityDocument, {
      lines: [{ sku: skus[0]!, quantity: '1' }],
      warehouse: 'CHI',
    });
    expect(cart.data!.availability[0]).toMatchObject({ sku: skus[0], requested: '1' });
  });

  it('serves orders, customers and invoices, each partner seeing only its own', async () => {
    const partner = stack.demoPartners[0]!;
    const mine = await runOperation(url, DEMO_PARTNER1_API_KEY, RecentOrdersDocument, { first: 50 });
    expect(mine.errors).toBeUndefined();
    const expectedCount = await odoo.searchCount('sale.order', {
      domain: [['partner_id', 'child_of', partner.tenantPartnerId]],
    });
    expect(mine.data!.orders.totalCount).toBe(expectedCount);
    const [foreign] = await odoo.searchRead('sale.order', {
      domain: [
        ['partner_id', 'not in', [partner.tenantPartnerId]],
        ['partner_id.parent_id', '!=', partner.tenantPartnerId],
      ],
      fields: ['name'],
      limit: 1,
    });
    const hidden = await runOperation(url, DEMO_PARTNER1_API_KEY, OrderDetailDocument, {
      number: foreign!.name!,
    });
    expect(hidden).toEqual({ status: 200, data: { order: null } });

    // Balance and credit need finance:read, an internal-only scope: the partner's whole operation is refused.
    const variables = { id: toGlobalId('Customer', partner.tenantPartnerId) };
    const refused = await runOperation(url, DEMO_PARTNER1_API_KEY, CustomerAccountDocument, variables);
    expect(refused.status).toBe(403);
    expect(refused.data).toBeUndefined();
    expect(refused.errors?.map((e) => e.extensions?.coordinate)).toEqual([
      'Customer.balance',
      'Customer.credit',
    ]);
    const account = await runOperation(url, DEMO_INTERNAL_API_KEY, CustomerAccountDocument, variables);
    expect(account.errors).toBeUndefined();
    expect(account.data!.customer).toMatchObject({
      name: partner.name,
      orders: { totalCount: expectedCount },
    });

    const overdue = await runOperation(url, DEMO_INTERNAL_API_KEY, OverdueInvoicesDocument, { first: 5 });
    expect(overdue.errors).toBeUndefined();
    const [first] = overdue.data!.invoices.edges;
    const detail = await runOperation(url, DEMO_INTERNAL_API_KEY, InvoiceDetailDocument, {
      number: first!.node.number,
    });
    expect(detail.data!.invoice).toMatchObject({
      number: first!.node.number,
      isOverdue: true,
      status: 'POSTED',
    });
  });

  it('refuses a caller without a key, with UNAUTHENTICATED', async () => {
    const response = await runOperation(url, null, WarehousesDocument, {});
    expect(response).toEqual({
      status: 401,
      errors: [{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });

  it('answers the names of order lines’ products from the orders subgraph, without a trip to inventory', async () => {
    const ask = async (productFields: string) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_INTERNAL_API_KEY}` },
        body: JSON.stringify({
          query: `{ orders(first: 5) { edges { node { lines { product { ${productFields} } } } } } }`,
        }),
      });
      const result = (await response.json()) as {
        data?: {
          orders: { edges: { node: { lines: { product: { sku: string; name: string } | null }[] } }[] };
        };
        errors?: unknown;
      };
      expect(result.errors).toBeUndefined();
      return result.data!.orders.edges.flatMap((edge) =>
        edge.node.lines.flatMap((line) => line.product ?? []),
      );
    };
    const inventoryFetches = async () =>
      sample(await scrape(url), 'dg_subgraph_fetches_total', { subgraph: 'inventory' }) ?? 0;

    const before = await inventoryFetches();
    const products = await ask('sku name');
    expect(await inventoryFetches()).toBe(before);
    expect(products.length).toBeGreaterThan(0);
    const names = await odoo.searchRead('product.product', {
      domain: [['default_code', 'in', products.map((product) => product.sku)]],
      fields: ['default_code', 'name'],
    });
    for (const product of products)
      expect(product.name).toBe(names.find((record) => record.default_code === product.sku)!.name);
    // A field only inventory has still goes there.
    await ask('sku name barcode');
    expect(await inventoryFetches()).toBeGreaterThan(before);
  });

  it('costs the same number of Odoo calls for a page of 50 orders with everything as for a page of 5', async () => {
    const cost = async (first: number) => {
      stack.odoo.emulator.calls.reset();
      // Completed orders have every part (deliveries, invoices), so no page skips a model for lack of data.
      const response = await runOperation(url, DEMO_INTERNAL_API_KEY, RecentOrdersDocument, {
        first,
        filter: { status: ['COMPLETED'] },
      });
      expect(response.errors).toBeUndefined();
      expect(response.data!.orders.edges).toHaveLength(first);
      return stack.odoo.emulator.calls.snapshot();
    };
    await cost(5); // warm the per-client caches (currency precision) so both runs start alike
    const five = await cost(5);
    const fifty = await cost(50);
    expect(fifty).toEqual(five);
    // Both pages touched every model the query reaches: orders, lines (with their products),
    // customers, products (inventory's fields), invoices (with the orders they bill).
    for (const call of [
      'sale.order.search_read',
      'sale.order.line.web_search_read',
      'res.partner.read',
      'product.product.read',
      'account.move.web_search_read',
    ]) {
      expect(Object.keys(five)).toContain(call);
    }
  });
});
