import type { CreateWmsOrderInput } from './types.js';

/**
 * ShipHero's `CreateOrderInput` for one of our orders: every line allocated to the chosen warehouse
 * (`line_items[].warehouse_id`), prices left at zero (the WMS fulfils, Odoo invoices), the name split into
 * `first_name`/`last_name` as ShipHero's address wants.
 */
export function orderCreateData(
  input: CreateWmsOrderInput,
  context: { warehouseId: string; shopName: string; now: Date },
): Record<string, unknown> {
  const { shipTo } = input;
  const [firstName = shipTo.name, ...rest] = shipTo.name.trim().split(/\s+/);
  const address = {
    first_name: firstName,
    last_name: rest.join(' '),
    company: shipTo.company,
    address1: shipTo.street1,
    address2: shipTo.street2,
    city: shipTo.city,
    state: shipTo.state,
    zip: shipTo.postalCode,
    country: shipTo.country,
    phone: shipTo.phone,
    email: shipTo.email,
  };
  const method = input.shippingMethod ?? 'Standard';
  return {
    order_number: input.orderNumber,
    shop_name: context.shopName,
    fulfillment_status: 'pending',
    order_date: context.now.toISOString(),
    ...(input.requiredShipDate ? { required_ship_date: input.requiredShipDate } : {}),
    email: shipTo.email,
    shipping_lines: { title: method, method, price: '0.00' },
    shipping_address: address,
    line_items: input.lines.map((line, i) => ({
      sku: line.sku,
      partner_line_item_id: `${input.orderNumber}-${i + 1}`,
      quantity: line.quantity,
      price: '0.00',
      product_name: line.sku,
      warehouse_id: context.warehouseId,
    })),
  };
}
