/**
 * Issue 5 end to end: one query through the gateway answers an order with its lines, products, stock,
 * invoices, fulfilment and shipments with tracking, from three emulated systems, with a bounded number
 * of calls to each; rate shopping across three carriers survives one carrier's outage; partners see
 * only their own fulfilments and shipments.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OdooClient, odooConfigSchema } from '../../connectors/odoo/index.js';
import {
  DEMO_INTERNAL_API_KEY,
  DEMO_PARTNER1_API_KEY,
  DEMO_PARTNER2_API_KEY,
} from '../../gateway/auth/demo-api-keys.js';
import { createLogger } from '../../platform/logger.js';
import { startEmbeddedStack, type EmbeddedStack } from '../../stack/embedded-stack.js';
import { post } from '../gateway/support/gateway-client.js';

const ORDER = `query Order($number: String!) {
  order(number: $number) {
    number
    lines { quantity { value } product { sku name stock { warehouse { code } available { value } } } }
    invoices { number }
    fulfillment { status orderNumber warehouse { code } releasedAt pickedAt packedAt shippedAt lines { sku quantity } packages { trackingNumber carrier } }
    shipments { trackingNumber carrier service status estimatedDeliveryAt events { occurredAt status message location { city } } order { number } }
  }
}`;

const RATES = `query Rates($input: RatesInput!) {
  rates(input: $input) { rates { carrier service price { amount currency } deliveryDays rateIds } failures { carrier message } }
}`;

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe('orders with fulfilment and shipments through the gateway', () => {
  let stack: EmbeddedStack;
  let odoo: OdooClient;
  let shipped: { name: string; partnerId: number }[];

  beforeAll(async () => {
    stack = await startEmbeddedStack({
      logger: createLogger({ name: 'e2e-fulfilment', level: 'silent' }),
      odoo: { port: 0, demo: { scale: 1, seed: 5 } },
    });
    odoo = new OdooClient({
      config: odooConfigSchema.parse({
        url: stack.odoo.url,
        apiKey: stack.odoo.apiKey,
        database: stack.odoo.database,
        login: stack.odoo.login,
      }),
      logger: createLogger({ name: 'odoo', level: 'silent' }),
    });
    const orders = await odoo.searchRead('sale.order', {
      domain: [
        ['state', '=', 'sale'],
        ['delivery_status', '=', 'full'],
        ['invoice_ids', '!=', false],
      ],
      fields: ['name', 'partner_id'],
      order: 'id',
    });
    shipped = orders.map((o) => ({ name: o.name!, partnerId: o.partner_id!.id }));
  });
  afterAll(() => stack.close());

  it('answers lines, products, stock, invoices, fulfilment and tracked shipments from Odoo, the WMS and the carrier in one query', async () => {
    const number = shipped[0]!.name;
    stack.odoo.emulator.calls.reset();
    stack.wms.calls.reset();
    stack.carrier.calls.reset();
    const response = await post(stack.gateway.url, ORDER, bearer(DEMO_INTERNAL_API_KEY), { number });
    expect(response.body.errors).toBeUndefined();
    const order = response.body.data.order;
    expect(order.number).toBe(number);
    expect(order.lines.length).toBeGreaterThan(0);
    expect(order.invoices.length).toBeGreaterThan(0);
    expect(order.fulfillment).toMatchObject({ status: 'SHIPPED', orderNumber: number });
    expect(['CHI', 'DAL', 'NWK']).toContain(order.fulfillment.warehouse.code);
    for (const step of ['releasedAt', 'pickedAt', 'packedAt', 'shippedAt'])
      expect(Date.parse(order.fulfillment[step])).not.toBeNaN();
    const skus = [...new Set(order.lines.map((l: { product: { sku: string } }) => l.product.sku))].sort();
    expect(order.fulfillment.lines.map((l: { sku: string }) => l.sku).sort()).toEqual(skus);
    expect(order.shipments).toHaveLength(1);
    const [shipment] = order.shipments;
    expect(shipment.trackingNumber).toBe(order.fulfillment.packages[0].trackingNumber);
    expect(shipment.order).toEqual({ number });
    expect(shipment.events.length).toBeGreaterThan(1);
    expect(shipment.status).not.toBe('UNKNOWN');
    // Bounded calls: the WMS once (fulfilment) and once (parcels); the carrier one batch read plus one
    // read of the bought shipment; Odoo a fixed handful (order, lines, products, stock, invoices...).
    expect(stack.wms.calls.snapshot().requests).toBeLessThanOrEqual(2);
    expect(stack.carrier.calls.total()).toBeLessThanOrEqual(2);
    expect(stack.odoo.emulator.calls.total()).toBeLessThanOrEqual(15);
  });

  it('costs the WMS and the carrier the same number of calls for 10 orders as for 1', async () => {
    const count = async (numbers: string[]) => {
      const query = `{ ${numbers
        .map((n, i) => `o${i}: order(number: "${n}") { number fulfillment { status } shipments { status } }`)
        .join(' ')} }`;
      stack.wms.calls.reset();
      stack.carrier.calls.reset();
      const response = await post(stack.gateway.url, query, bearer(DEMO_INTERNAL_API_KEY));
      expect(response.body.errors).toBeUndefined();
      expect(Object.values(response.body.data).every((o) => o !== null)).toBe(true);
      return { wms: stack.wms.calls.snapshot().requests, carrierBatches: stack.carrier.calls.snapshot() };
    };
    const one = await count(shipped.slice(0, 1).map((o) => o.name));
    const ten = await count(shipped.slice(0, 10).map((o) => o.name));
    expect(ten.wms).toBe(one.wms);
    expect(ten.carrierBatches['POST /v2/trackers/batch']).toBe(one.carrierBatches['POST /v2/trackers/batch']);
  });

  it('shows a partner its own order’s fulfilment and shipments, and nothing of another tenant’s', async () => {
    const partnerIds = stack.demoPartners.map((p) => p.tenantPartnerId);
    const own = shipped.find((o) => o.partnerId === partnerIds[0]);
    const other = shipped.find((o) => o.partnerId !== partnerIds[0]);
    expect(own && other).toBeTruthy();
    const mine = await post(
      stack.gateway.url,
      `{ fulfillment(orderNumber: "${own!.name}") { status } }`,
      bearer(DEMO_PARTNER1_API_KEY),
    );
    expect(mine.body.data.fulfillment).toEqual({ status: 'SHIPPED' });
    const theirs = await post(
      stack.gateway.url,
      `{ fulfillment(orderNumber: "${other!.name}") { status } }`,
      bearer(DEMO_PARTNER1_API_KEY),
    );
    expect(theirs.body).toEqual({ data: { fulfillment: null } });
    const internal = await post(stack.gateway.url, ORDER, bearer(DEMO_INTERNAL_API_KEY), {
      number: other!.name,
    });
    const tracking = internal.body.data.order.shipments[0].trackingNumber as string;
    const byTracking = await post(
      stack.gateway.url,
      `{ shipment(trackingNumber: "${tracking}") { status } }`,
      bearer(DEMO_PARTNER1_API_KEY),
    );
    expect(byTracking.body).toEqual({ data: { shipment: null } });
    const entity = await post(
      stack.gateway.url,
      `{ shipment(trackingNumber: "${tracking}") { status label { url } } }`,
      bearer(DEMO_PARTNER2_API_KEY),
    );
    expect(entity.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  const input = {
    originWarehouse: 'CHI',
    destination: { street1: '100 Main St', city: 'Dallas', state: 'TX', postalCode: '75201', country: 'US' },
    parcels: [{ weightOz: 40 }, { weightOz: 12, lengthIn: 10, widthIn: 8, heightIn: 4 }],
  };

  it('compares rates from at least three carriers for a demo shipment', async () => {
    const response = await post(stack.gateway.url, RATES, bearer(DEMO_PARTNER1_API_KEY), { input });
    expect(response.body.errors).toBeUndefined();
    const { rates, failures } = response.body.data.rates;
    expect(failures).toEqual([]);
    expect(new Set(rates.map((r: { carrier: string }) => r.carrier)).size).toBeGreaterThanOrEqual(3);
    const prices = rates.map((r: { price: { amount: string } }) => Number(r.price.amount));
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    for (const rate of rates) expect(rate.rateIds).toHaveLength(2);
  });

  it('answers the other carriers’ rates with a clear failure for a carrier that is down', async () => {
    stack.carrier.faults.configure({ carriersDown: ['UPS'] });
    try {
      const response = await post(stack.gateway.url, RATES, bearer(DEMO_PARTNER1_API_KEY), { input });
      const { rates, failures } = response.body.data.rates;
      expect(failures).toEqual([{ carrier: 'UPS', message: expect.any(String) }]);
      const carriers = new Set(rates.map((r: { carrier: string }) => r.carrier));
      expect(carriers.has('UPS')).toBe(false);
      expect(carriers.size).toBeGreaterThanOrEqual(2);
    } finally {
      stack.carrier.faults.configure({});
    }
  });

  it('refuses bad rate input with every problem named, and asks no carrier', async () => {
    stack.carrier.calls.reset();
    const response = await post(stack.gateway.url, RATES, bearer(DEMO_PARTNER1_API_KEY), {
      input: { ...input, originWarehouse: 'XXX', parcels: [{ weightOz: -1 }] },
    });
    expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(response.body.errors[0].message).toMatch(/input\.parcels\.0\.weightOz/);
    expect(stack.carrier.calls.total()).toBe(0);
  });
});
