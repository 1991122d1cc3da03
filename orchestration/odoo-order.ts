import { z } from 'zod';
import type { OdooClient } from '../connectors/odoo/client.js';
import { OdooProtocolError } from '../connectors/odoo/errors.js';
import { OdooCountries } from '../connectors/odoo/sales/countries.js';
import type { PostalAddress } from '../schema/canonical/shipping.js';
import { StepFailure } from './step-failure.js';
import { usStateOfZip } from './us-state-of-zip.js';

const stateCodesSchema = z.array(
  z.object({ id: z.number().int(), code: z.union([z.string(), z.literal(false)]) }),
);

/**
 * The state's code (carriers want `IL`, not `Illinois`, and require one for US addresses): Odoo's
 * res.country.state code, else the state of a US ZIP when Odoo holds no state.
 */
async function stateCode(odoo: OdooClient, stateId: number | undefined, zip: string): Promise<string | null> {
  if (stateId === undefined) return usStateOfZip(zip);
  const raw = await odoo.callMethod('res.country.state', 'read', {
    ids: [stateId],
    kwargs: { fields: ['code'] },
  });
  const parsed = stateCodesSchema.safeParse(raw);
  if (!parsed.success)
    throw new OdooProtocolError('Odoo answered res.country.state.read with something else than states', {
      model: 'res.country.state',
      method: 'read',
      cause: parsed.error,
    });
  return parsed.data[0]?.code || usStateOfZip(zip);
}

const ORDER_FIELDS = [
  'name',
  'state',
  'partner_id',
  'partner_shipping_id',
  'amount_total',
  'currency_id',
  'warehouse_id',
  'order_line',
  'invoice_ids',
  'invoice_status',
] as const;

/** The sale order as the steps read it (always afresh: Odoo is the truth, not our memory of it). */
export async function readSaleOrder(odoo: OdooClient, odooId: number) {
  const [order] = await odoo.read('sale.order', [odooId], ORDER_FIELDS);
  if (!order) throw new StepFailure('ORDER_NOT_FOUND', `sale.order ${odooId} does not exist`);
  return order;
}

export type SaleOrder = Awaited<ReturnType<typeof readSaleOrder>>;

/** What the WMS and the carrier need of an order: where from, where to, what. */
export interface FulfilmentDetails {
  warehouseCode: string;
  shipTo: PostalAddress;
  lines: { sku: string; quantity: number }[];
}

/** Reads the order's lines, SKUs, warehouse and ship-to address (four batched reads). */
export async function readFulfilmentDetails(odoo: OdooClient, order: SaleOrder): Promise<FulfilmentDetails> {
  const incomplete = (what: string) =>
    new StepFailure('ORDER_INCOMPLETE', `order ${order.name ?? order.id}: ${what}`);
  if (!order.warehouse_id) throw incomplete('no warehouse');
  if (!order.partner_shipping_id) throw incomplete('no ship-to address');
  const [lines, [warehouse], [address]] = await Promise.all([
    odoo.read('sale.order.line', order.order_line ?? [], ['product_id', 'product_uom_qty']),
    odoo.read('stock.warehouse', [order.warehouse_id.id], ['code']),
    odoo.read(
      'res.partner',
      [order.partner_shipping_id.id],
      ['name', 'street', 'street2', 'city', 'zip', 'state_id', 'country_id', 'phone', 'email'],
    ),
  ]);
  if (!warehouse?.code) throw incomplete('its warehouse has no code');
  if (!address?.street || !address.city || !address.zip)
    throw incomplete('the ship-to address is incomplete');
  const goods = lines.filter((l) => l.product_id && (l.product_uom_qty ?? 0) > 0);
  const products = await odoo.read(
    'product.product',
    goods.map((l) => l.product_id!.id),
    ['default_code'],
  );
  const skuOf = new Map(products.map((p) => [p.id, p.default_code]));
  const countries = address.country_id
    ? await new OdooCountries(odoo).codesByIds([address.country_id.id])
    : new Map<number, string>();
  return {
    warehouseCode: warehouse.code,
    shipTo: {
      name: address.name,
      company: null,
      street1: address.street,
      street2: address.street2,
      city: address.city,
      state: await stateCode(odoo, address.state_id?.id, address.zip),
      postalCode: address.zip,
      country: (address.country_id && countries.get(address.country_id.id)) || 'US',
      phone: address.phone,
      email: address.email,
    },
    lines: goods.map((l) => {
      const sku = skuOf.get(l.product_id!.id);
      if (!sku) throw incomplete(`product ${l.product_id!.name} has no SKU (internal reference)`);
      // The WMS counts units; Odoo quantities of countable goods are whole.
      return { sku, quantity: Math.max(1, Math.round(l.product_uom_qty ?? 1)) };
    }),
  };
}
