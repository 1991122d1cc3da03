/**
 * What the subgraph should answer for a demo order, derived from Odoo through the connector's client
 * and the documented mapping (written out again here, so that a mapping bug cannot hide in both).
 */
import type { OdooClient } from '../../../connectors/odoo/index.js';
import { toGlobalId } from '../../../schema/canonical/global-id.js';

export const ADDRESS = 'id name street street2 city zip country';
export const CUSTOMER = `id name reference email phone vatNumber deliveryAddresses { ${ADDRESS} } invoiceAddresses { ${ADDRESS} }`;
const MONEY = 'amount currency';
const QUANTITY = 'value unit';
export const LINE = `id product { sku } description quantity { ${QUANTITY} } deliveredQuantity { ${QUANTITY} } invoicedQuantity { ${QUANTITY} } unitPrice { ${MONEY} } discountPercent subtotal { ${MONEY} } total { ${MONEY} }`;
export const ORDER = `id number customerReference status deliveryStatus invoicingStatus orderedAt customer { ${CUSTOMER} } shippingAddress { ${ADDRESS} } invoiceAddress { ${ADDRESS} } lines { ${LINE} } totals { untaxed { ${MONEY} } tax { ${MONEY} } total { ${MONEY} } } updatedAt`;

const SIMPLE_STATUS: Record<string, string> = {
  draft: 'DRAFT',
  sent: 'QUOTATION_SENT',
  cancel: 'CANCELLED',
  done: 'COMPLETED',
};
const DELIVERY: Record<string, string> = {
  pending: 'NOT_DELIVERED',
  started: 'IN_PROGRESS',
  partial: 'PARTIALLY_DELIVERED',
  full: 'DELIVERED',
};
const INVOICING: Record<string, string> = {
  no: 'NOTHING_TO_INVOICE',
  'to invoice': 'TO_INVOICE',
  invoiced: 'INVOICED',
  upselling: 'UPSELLING',
};

export function expectedStatus(o: {
  state: string | null;
  delivery_status: string | null;
  invoice_status: string | null;
}): string {
  if (o.state !== 'sale') return SIMPLE_STATUS[o.state!]!;
  return o.delivery_status === 'full' && o.invoice_status === 'invoiced' ? 'COMPLETED' : 'CONFIRMED';
}

async function countryCodes(client: OdooClient, ids: number[]): Promise<Map<number, string>> {
  const raw = (await client.callMethod('res.country', 'read', {
    ids: [...new Set(ids)],
    kwargs: { fields: ['code'] },
  })) as { id: number; code: string }[];
  return new Map(raw.map((c) => [c.id, c.code]));
}

async function expectedAddresses(client: OdooClient, ids: number[]) {
  const partners = await client.read('res.partner', ids);
  const codes = await countryCodes(
    client,
    partners.flatMap((p) => (p.country_id ? [p.country_id.id] : [])),
  );
  return new Map(
    partners.map((p) => [
      p.id,
      {
        id: toGlobalId('Address', p.id),
        name: p.name,
        street: p.street,
        street2: p.street2,
        city: p.city,
        zip: p.zip,
        country: p.country_id ? codes.get(p.country_id.id) : null,
      },
    ]),
  );
}

export async function expectedCustomer(client: OdooClient, rowId: number) {
  const [customer] = await client.read('res.partner', [rowId]);
  const children = await client.searchRead('res.partner', {
    domain: [['parent_id', '=', rowId]],
    order: 'id',
  });
  const addresses = await expectedAddresses(
    client,
    children.map((c) => c.id),
  );
  const ofType = (type: string) => children.filter((c) => c.type === type).map((c) => addresses.get(c.id));
  return {
    id: toGlobalId('Customer', rowId),
    name: customer!.name,
    reference: customer!.ref,
    email: customer!.email,
    phone: customer!.phone,
    vatNumber: customer!.vat,
    deliveryAddresses: ofType('delivery'),
    invoiceAddresses: ofType('invoice'),
  };
}

export async function expectedLines(client: OdooClient, orderRowId: number) {
  const lines = await client.searchRead('sale.order.line', {
    domain: [['order_id', '=', orderRowId]],
    order: 'sequence, id',
  });
  const products = new Map(
    (
      await client.read(
        'product.product',
        lines.flatMap((l) => (l.product_id ? [l.product_id.id] : [])),
      )
    ).map((p) => [p.id, p]),
  );
  return lines.map((l) => {
    const product = l.product_id ? products.get(l.product_id.id) : undefined;
    const unit = product?.uom_id?.name ?? 'Units';
    const currency = l.currency_id!.name;
    return {
      id: toGlobalId('OrderLine', l.id),
      product: product?.default_code ? { sku: product.default_code } : null,
      description: l.name,
      quantity: { value: String(l.product_uom_qty), unit },
      deliveredQuantity: { value: String(l.qty_delivered), unit },
      invoicedQuantity: { value: String(l.qty_invoiced), unit },
      unitPrice: { amount: l.price_unit, currency },
      discountPercent: String(l.discount),
      subtotal: { amount: l.price_subtotal, currency },
      total: { amount: l.price_total, currency },
    };
  });
}

/** The whole `ORDER` selection as the subgraph should answer it for order `number`. */
export async function expectedOrder(client: OdooClient, number: string) {
  const [o] = await client.searchRead('sale.order', { domain: [['name', '=', number]] });
  if (!o) throw new Error(`no demo order ${number}`);
  const addresses = await expectedAddresses(client, [o.partner_shipping_id!.id, o.partner_invoice_id!.id]);
  const currency = o.currency_id!.name;
  return {
    id: toGlobalId('Order', o.id),
    number: o.name,
    customerReference: o.client_order_ref,
    status: expectedStatus(o),
    deliveryStatus: DELIVERY[o.delivery_status ?? 'pending'],
    invoicingStatus: INVOICING[o.invoice_status ?? 'no'],
    orderedAt: o.date_order,
    customer: await expectedCustomer(client, o.partner_id!.id),
    shippingAddress: addresses.get(o.partner_shipping_id!.id),
    invoiceAddress: addresses.get(o.partner_invoice_id!.id),
    lines: await expectedLines(client, o.id),
    totals: {
      untaxed: { amount: o.amount_untaxed, currency },
      tax: { amount: o.amount_tax, currency },
      total: { amount: o.amount_total, currency },
    },
    updatedAt: o.write_date,
  };
}
