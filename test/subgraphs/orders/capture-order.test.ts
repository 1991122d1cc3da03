/** captureOrder on the orders subgraph against the emulated Odoo and a real Redis: outcomes and idempotency. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { toGlobalId } from '../../../schema/canonical/global-id.js';
import { internalPrincipal, partnerPrincipal, postAs } from '../../support/graphql.js';
import {
  CAPTURE,
  countByReference,
  customerWithoutLimit,
  deliveryAddressId,
  productsInStock,
  startCaptureFixture,
  type CaptureFixture,
} from './capture-support.js';

let fixture: CaptureFixture;
let tenant: number;
let skus: string[];
let shipTo: { addressId: string };

beforeAll(async () => {
  fixture = await startCaptureFixture();
  tenant = await customerWithoutLimit(fixture.odoo.client, 3);
  skus = await productsInStock(fixture.odoo.client, 5, 2);
  shipTo = { addressId: await deliveryAddressId(fixture.odoo.client, tenant) };
});

afterAll(() => fixture.close());

const capture = (principal: Parameters<typeof postAs>[1], input: Record<string, unknown>, key: string) =>
  postAs(fixture.subgraph.url, principal, CAPTURE, { input, key });

const orderInput = (reference: string) => ({
  customerReference: reference,
  lines: [
    { sku: skus[0], quantity: '2' },
    { sku: skus[1], quantity: '1.5' },
  ],
  shipTo,
  shipping: { service: 'EXPEDITED', carrier: 'ups' },
  notes: 'Deliver to the back door <please>',
});

describe('captureOrder', () => {
  it('creates the order in Odoo with our capture reference, and tells the orchestration once', async () => {
    const reference = `PO-${randomUUID()}`;
    const key = randomUUID();
    const response = await capture(partnerPrincipal(tenant), orderInput(reference), key);
    const result = response.body.data.captureOrder;
    expect(response.body.errors).toBeUndefined();
    expect(result).toEqual({
      replayed: false,
      idempotencyKey: key,
      outcome: {
        __typename: 'OrderCaptured',
        order: {
          number: expect.stringMatching(/^S\d+$/),
          customerReference: reference,
          status: 'DRAFT',
          customer: { id: toGlobalId('Customer', tenant) },
        },
      },
    });
    const raw = (await fixture.odoo.client.callMethod('sale.order', 'search_read', {
      kwargs: {
        domain: [['client_order_ref', '=', reference]],
        fields: ['name', 'origin', 'note', 'partner_shipping_id', 'order_line', 'warehouse_id'],
      },
    })) as {
      name: string;
      origin: string;
      note: string;
      partner_shipping_id: [number, string];
      order_line: number[];
    }[];
    expect(raw).toHaveLength(1);
    expect(raw[0]!.origin).toMatch(/^dgcap:[0-9a-f]{32}\/[0-9a-f]{16}$/);
    expect(raw[0]!.note).toBe(
      '<p>Deliver to the back door &lt;please&gt;</p><p>Shipping preference: EXPEDITED (carrier ups)</p>',
    );
    expect(toGlobalId('Address', raw[0]!.partner_shipping_id[0])).toBe(shipTo.addressId);
    expect(raw[0]!.order_line).toHaveLength(2);
    const number = result.outcome.order.number;
    expect(fixture.captured.filter((c) => c.number === number)).toEqual([
      { number, odooId: expect.any(Number), tenantPartnerId: tenant },
    ]);
  });

  it('answers the same key and input with the first outcome, replayed, creating nothing more', async () => {
    const reference = `PO-${randomUUID()}`;
    const key = randomUUID();
    const first = await capture(partnerPrincipal(tenant), orderInput(reference), key);
    // The same input with its fields in another order and an optional one sent as null.
    const { notes, ...rest } = orderInput(reference);
    const again = await capture(partnerPrincipal(tenant), { requestedDate: null, notes, ...rest }, key);
    expect(again.body).toEqual({
      data: { captureOrder: { ...first.body.data.captureOrder, replayed: true } },
    });
    expect(await countByReference(fixture.odoo.client, reference)).toBe(1);
    const number = first.body.data.captureOrder.outcome.order.number;
    expect(fixture.captured.filter((c) => c.number === number)).toHaveLength(1);
  });

  it('refuses the same key with another input: IDEMPOTENCY_KEY_REUSED', async () => {
    const key = randomUUID();
    await capture(partnerPrincipal(tenant), orderInput(`PO-${randomUUID()}`), key);
    const response = await capture(partnerPrincipal(tenant), orderInput(`PO-${randomUUID()}`), key);
    expect(response.body).toEqual({
      data: null,
      errors: [
        {
          message: 'This idempotency key was used with another request.',
          locations: [{ line: 2, column: 3 }],
          path: ['captureOrder'],
          extensions: { code: 'IDEMPOTENCY_KEY_REUSED' },
        },
      ],
    });
  });

  it('keeps a key per tenant: another partner with the same key gets its own outcome', async () => {
    const other = await customerWithoutLimit(fixture.odoo.client, 4);
    const key = randomUUID();
    const mine = await capture(partnerPrincipal(tenant), orderInput(`PO-${randomUUID()}`), key);
    const theirs = await capture(
      partnerPrincipal(other),
      {
        ...orderInput(`PO-${randomUUID()}`),
        shipTo: { addressId: await deliveryAddressId(fixture.odoo.client, other) },
      },
      key,
    );
    expect(theirs.body.data.captureOrder.replayed).toBe(false);
    expect(theirs.body.data.captureOrder.outcome.order.customer).toEqual({
      id: toGlobalId('Customer', other),
    });
    expect(theirs.body.data.captureOrder.outcome.order.number).not.toBe(
      mine.body.data.captureOrder.outcome.order.number,
    );
  });

  it('lists every problem of an invalid input with its path, and replays that outcome too', async () => {
    const key = randomUUID();
    const input = {
      customerReference: '  ',
      lines: [
        { sku: skus[0], quantity: '0' },
        { sku: skus[0], quantity: '1.0001' },
      ],
      shipTo: {
        addressId: shipTo.addressId,
        newAddress: { street: 'x', city: 'y', zip: '1', country: 'USA' },
      },
      shipping: { service: 'STANDARD', carrier: 'UPS' },
    };
    const first = await capture(partnerPrincipal(tenant), input, key);
    expect(first.body).toEqual({
      data: {
        captureOrder: {
          replayed: false,
          idempotencyKey: key,
          outcome: {
            __typename: 'OrderInvalid',
            issues: [
              { path: 'customerReference', message: 'must not be empty' },
              {
                path: 'lines[0].quantity',
                message: 'must be greater than 0 and at most 1000000, with at most 3 decimals',
              },
              {
                path: 'lines[1].quantity',
                message: 'must be greater than 0 and at most 1000000, with at most 3 decimals',
              },
              { path: 'lines[1].sku', message: 'SKU already on an earlier line' },
              { path: 'shipTo.newAddress.country', message: 'must be an ISO 3166-1 alpha-2 code' },
              { path: 'shipTo', message: 'give exactly one of addressId and newAddress' },
              {
                path: 'shipping.carrier',
                message: 'must be a carrier code: lower case letters, digits, - or _',
              },
            ],
          },
        },
      },
    });
    const again = await capture(partnerPrincipal(tenant), input, key);
    expect(again.body.data.captureOrder).toEqual({ ...first.body.data.captureOrder, replayed: true });
  });

  it("checks the input against Odoo: unknown SKU, another customer's address, unknown country", async () => {
    const other = await customerWithoutLimit(fixture.odoo.client, 5);
    const response = await capture(
      partnerPrincipal(tenant),
      {
        customerReference: `PO-${randomUUID()}`,
        lines: [{ sku: 'NO-SUCH-SKU', quantity: '1' }],
        shipTo: { addressId: await deliveryAddressId(fixture.odoo.client, other) },
      },
      randomUUID(),
    );
    expect(response.body.data.captureOrder.outcome).toEqual({
      __typename: 'OrderInvalid',
      issues: [
        { path: 'lines[0].sku', message: 'no product with this SKU' },
        { path: 'shipTo.addressId', message: 'not a delivery address of this customer' },
      ],
    });
    const country = await capture(
      partnerPrincipal(tenant),
      {
        customerReference: `PO-${randomUUID()}`,
        lines: [{ sku: skus[0], quantity: '1' }],
        shipTo: { newAddress: { street: '1 Main St', city: 'Chicago', zip: '60601', country: 'ZZ' } },
      },
      randomUUID(),
    );
    expect(country.body.data.captureOrder.outcome.issues).toEqual([
      { path: 'shipTo.newAddress.country', message: 'not a known ISO 3166-1 alpha-2 country code' },
    ]);
  });

  it('makes internal callers name the customer, and partners order only for themselves', async () => {
    const input = orderInput(`PO-${randomUUID()}`);
    const internal = await capture(internalPrincipal, input, randomUUID());
    expect(internal.body.data.captureOrder.outcome.issues).toEqual([
      { path: 'customerId', message: 'required for internal callers' },
    ]);
    const other = await customerWithoutLimit(fixture.odoo.client, 6);
    const partner = await capture(
      partnerPrincipal(tenant),
      { ...input, customerId: toGlobalId('Customer', other) },
      randomUUID(),
    );
    expect(partner.body.data.captureOrder.outcome.issues).toEqual([
      { path: 'customerId', message: 'no such customer' },
    ]);
    const named = await capture(
      internalPrincipal,
      { ...input, customerId: toGlobalId('Customer', tenant) },
      randomUUID(),
    );
    expect(named.body.data.captureOrder.outcome.__typename).toBe('OrderCaptured');
  });

  it('answers a customer reference already used with the existing order', async () => {
    const reference = `PO-${randomUUID()}`;
    const first = await capture(partnerPrincipal(tenant), orderInput(reference), randomUUID());
    const second = await capture(partnerPrincipal(tenant), orderInput(reference), randomUUID());
    expect(second.body.data.captureOrder).toEqual({
      replayed: false,
      idempotencyKey: expect.any(String),
      outcome: {
        __typename: 'OrderDuplicateReference',
        existingOrder: { number: first.body.data.captureOrder.outcome.order.number },
      },
    });
    expect(await countByReference(fixture.odoo.client, reference)).toBe(1);
  });

  it('creates a new delivery address once and reuses it when identical', async () => {
    const newAddress = {
      name: 'Dock 7',
      street: `${randomUUID().slice(0, 8)} Pier Rd`,
      city: 'Chicago',
      zip: '60601',
      country: 'us',
    };
    for (let i = 0; i < 2; i += 1) {
      const response = await capture(
        partnerPrincipal(tenant),
        { ...orderInput(`PO-${randomUUID()}`), shipTo: { newAddress } },
        randomUUID(),
      );
      expect(response.body.data.captureOrder.outcome.__typename).toBe('OrderCaptured');
    }
    const addresses = await fixture.odoo.client.searchRead('res.partner', {
      domain: [
        ['parent_id', '=', tenant],
        ['street', '=', newAddress.street],
      ],
      fields: ['type', 'name', 'city'],
    });
    expect(addresses).toEqual([
      expect.objectContaining({ type: 'delivery', name: 'Dock 7', city: 'Chicago' }),
    ]);
  });
});
