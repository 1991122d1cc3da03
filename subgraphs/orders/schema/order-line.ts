import type { OrderLine } from '../../../schema/canonical/orders.js';
import { toGlobalId } from '../../../schema/canonical/global-id.js';
import { builder, Money, Quantity } from '../builder.js';
import type { OrdersContext } from '../context.js';
import { ProductRef } from './product.js';

/** Lines are in the unit of their product; a line without a product counts plain units. */
async function quantity(line: OrderLine, value: string, context: OrdersContext) {
  const product =
    line.productRowId === null ? null : await context.loaders.productById.load(line.productRowId);
  return { value, unit: product?.unit ?? 'Units' };
}

export const OrderLineType = builder.objectRef<OrderLine>('OrderLine').implement({
  description: 'One product line of an order, with what has been delivered and invoiced of it.',
  fields: (t) => ({
    id: t.id({
      description: 'Opaque, stable identifier of the line.',
      resolve: (l) => toGlobalId('OrderLine', l.rowId),
    }),
    product: t.field({
      // The line's product is read anyway (for its SKU and unit), with its name: a page of orders with
      // product names needs no trip to the inventory subgraph.
      type: ProductRef.provides<{ name: string }>('name'),
      nullable: true,
      description:
        'The catalogue product, by SKU; null for a line without a catalogue product (a service or fee without an SKU).',
      resolve: async (l, _args, context) => {
        if (l.productRowId === null) return null;
        const product = await context.loaders.productById.load(l.productRowId);
        return product?.sku ? { sku: product.sku, name: product.name } : null;
      },
    }),
    description: t.exposeString('description', {
      nullable: true,
      description: 'The line as printed on the order, e.g. "[BOX-12] Shipping box 12x12".',
    }),
    quantity: t.field({
      type: Quantity,
      description: 'Quantity ordered.',
      resolve: (l, _args, context) => quantity(l, l.orderedQuantity, context),
    }),
    deliveredQuantity: t.field({
      type: Quantity,
      description: 'Quantity delivered so far.',
      resolve: (l, _args, context) => quantity(l, l.deliveredQuantity, context),
    }),
    invoicedQuantity: t.field({
      type: Quantity,
      description: 'Quantity invoiced so far.',
      resolve: (l, _args, context) => quantity(l, l.invoicedQuantity, context),
    }),
    unitPrice: t.field({
      type: Money,
      description: 'Price per unit before discount and tax.',
      resolve: (l) => l.unitPrice,
    }),
    discountPercent: t.expose('discountPercent', {
      type: 'Decimal',
      description: 'Discount on the unit price, in percent (e.g. "12.5").',
    }),
    subtotal: t.field({
      type: Money,
      description: 'Line amount after discount, before tax.',
      resolve: (l) => l.subtotal,
    }),
    total: t.field({
      type: Money,
      description: 'Line amount after discount, tax included.',
      resolve: (l) => l.total,
    }),
  }),
});
