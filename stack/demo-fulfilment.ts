/**
 * Makes the emulated WMS and carrier agree with the emulated Odoo's order history, as a real estate
 * would: every confirmed order is in the WMS (still moving through the warehouse, or shipped on the
 * day Odoo's delivery was validated), and every shipped order has a parcel with a carrier whose tracking
 * history runs from that day to now. Read through the public Odoo API, like any integration.
 */
import type { RunningCarrierEmulator } from '../connectors/carrier/emulator/server.js';
import type { OdooClient } from '../connectors/odoo/client.js';
import { where } from '../connectors/odoo/domain.js';
import type { RunningWmsEmulator } from '../connectors/wms/emulator/server.js';
import type { PostalAddress } from '../schema/canonical/shipping.js';
import { DEMO_ORIGINS } from '../subgraphs/shipping/origins.js';

const SERVICES: [carrier: string, service: string][] = [
  ['UPS', 'Ground'],
  ['USPS', 'GroundAdvantage'],
  ['FedEx', 'FEDEX_GROUND'],
];
const HOUR = 3_600_000;
/** The demo customers' cities (connectors/odoo/emulator/demo/customers.ts) and their states. */
const STATE_OF_CITY: Record<string, string> = {
  Chicago: 'IL',
  Milwaukee: 'WI',
  Indianapolis: 'IN',
  Dallas: 'TX',
  Houston: 'TX',
  Austin: 'TX',
  Newark: 'NJ',
  Philadelphia: 'PA',
  'New York': 'NY',
};

const shift = (at: string, ms: number) => new Date(new Date(at).getTime() + ms).toISOString();

export interface DemoFulfilmentSummary {
  ordersInWms: number;
  shipments: number;
}

export async function seedDemoFulfilment(
  odoo: OdooClient,
  wms: RunningWmsEmulator,
  carrier: RunningCarrierEmulator,
): Promise<DemoFulfilmentSummary> {
  const orders = await odoo.searchRead('sale.order', {
    domain: where('state', '=', 'sale'),
    fields: ['name', 'partner_shipping_id', 'date_order', 'warehouse_id', 'delivery_status'],
    order: 'id asc',
  });
  const orderIds = orders.map((o) => o.id);
  const [lines, pickings, warehouses] = await Promise.all([
    odoo.searchRead('sale.order.line', {
      domain: where('order_id', 'in', orderIds),
      fields: ['order_id', 'product_id', 'product_uom_qty'],
    }),
    odoo.searchRead('stock.picking', {
      domain: where(
        'origin',
        'in',
        orders.map((o) => o.name ?? ''),
      ),
      fields: ['origin', 'state', 'date_done'],
    }),
    odoo.searchRead('stock.warehouse', { fields: ['code'] }),
  ]);
  const productIds = [...new Set(lines.flatMap((l) => (l.product_id ? [l.product_id.id] : [])))];
  const addressIds = [
    ...new Set(orders.flatMap((o) => (o.partner_shipping_id ? [o.partner_shipping_id.id] : []))),
  ];
  const [products, addresses] = await Promise.all([
    odoo.read('product.product', productIds, ['default_code']),
    odoo.read('res.partner', addressIds, ['name', 'street', 'city', 'zip', 'country_id']),
  ]);
  const skuOf = new Map(products.map((p) => [p.id, p.default_code]));
  const addressOf = new Map(addresses.map((a) => [a.id, a]));
  const codeOf = new Map(warehouses.map((w) => [w.id, w.code]));
  let shipments = 0;
  for (const [index, order] of orders.entries()) {
    const number = order.name;
    const address = order.partner_shipping_id ? addressOf.get(order.partner_shipping_id.id) : undefined;
    const warehouseCode = order.warehouse_id ? codeOf.get(order.warehouse_id.id) : undefined;
    if (!number || !address || !warehouseCode || !order.date_order) continue;
    const orderLines = lines
      .filter((l) => l.order_id?.id === order.id && l.product_id)
      .flatMap((l) => {
        const sku = skuOf.get(l.product_id!.id);
        return sku ? [{ sku, quantity: Math.max(1, Math.round(l.product_uom_qty ?? 1)) }] : [];
      });
    if (orderLines.length === 0) continue;
    const to: PostalAddress = {
      name: address.name,
      company: null,
      street1: address.street ?? '1 Main St',
      street2: null,
      city: address.city ?? 'Chicago',
      state: STATE_OF_CITY[address.city ?? 'Chicago'] ?? 'IL',
      postalCode: address.zip ?? '60601',
      country: 'US',
      phone: null,
      email: null,
    };
    // The connector hands datetimes over as ISO 8601 UTC.
    const receivedAt = order.date_order;
    const done = pickings.find((p) => p.origin === number && p.state === 'done' && p.date_done);
    const units = orderLines.reduce((sum, l) => sum + l.quantity, 0);
    const packages = [];
    let history = {};
    if (done?.date_done) {
      const shippedAt = done.date_done;
      const [carrierName, service] = SERVICES[index % SERVICES.length]!;
      const from = DEMO_ORIGINS[warehouseCode] ?? DEMO_ORIGINS.CHI!;
      const weightOz = Math.min(2400, 16 * units);
      const label = carrier.seedShipment({
        reference: number,
        from,
        to,
        parcel: { weightOz, lengthIn: 18, widthIn: 14, heightIn: 12 },
        carrier: carrierName,
        service,
        purchasedAt: shift(shippedAt, -2 * HOUR),
      });
      packages.push({ trackingNumber: label.trackingCode, carrier: label.carrier, service, weightOz });
      shipments += 1;
      history = {
        allocatedAt: shift(receivedAt, HOUR),
        pickedAt: shift(shippedAt, -4 * HOUR),
        packedAt: shift(shippedAt, -3 * HOUR),
        shippedAt,
      };
    }
    wms.seedOrder({
      orderNumber: number,
      warehouseCode,
      shipTo: {
        name: to.name ?? number,
        street1: to.street1,
        city: to.city,
        state: to.state ?? 'IL',
        postalCode: to.postalCode,
        country: 'US',
      },
      lines: orderLines,
      receivedAt,
      history,
      packages,
    });
  }
  return { ordersInWms: orders.length, shipments };
}
