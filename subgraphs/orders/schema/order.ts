import { requirePrincipal } from '../../../platform/graphql/require-principal.js';
import { fromGlobalId, toGlobalId } from '../../../schema/canonical/global-id.js';
import type { Order, OrderTotals } from '../../../schema/canonical/orders.js';
import { builder, Money } from '../builder.js';
import type { OrdersContext } from '../context.js';
import { AddressType } from './address.js';
import { CustomerType } from './customer.js';
import { wantsOnlyOrderedLines } from './line-selection.js';
import { OrderLineType } from './order-line.js';
import { DeliveryStatusType, InvoicingStatusType, OrderStatusType } from './statuses.js';

const OrderTotalsType = builder.objectRef<OrderTotals>('OrderTotals').implement({
  description: "An order's amounts, in the order's currency.",
  fields: (t) => ({
    untaxed: t.field({ type: Money, description: 'Total before tax.', resolve: (o) => o.untaxed }),
    tax: t.field({ type: Money, description: 'Tax.', resolve: (o) => o.tax }),
    total: t.field({ type: Money, description: 'Total, tax included.', resolve: (o) => o.total }),
  }),
});

export const OrderType = builder.objectRef<Order>('Order').implement({
  description: 'A sales order (or quotation) of a customer.',
  authenticated: true,
  requiresScopes: [['orders:read']],
  fields: (t) => ({
    id: t.id({ description: 'Opaque, stable identifier.', resolve: (o) => toGlobalId('Order', o.rowId) }),
    number: t.exposeString('number', { description: 'The order number, e.g. "S00042" (Odoo `name`).' }),
    customerReference: t.exposeString('customerReference', {
      nullable: true,
      description: "The customer's own reference for the order, usually its PO number.",
    }),
    status: t.field({ type: OrderStatusType, description: 'Where the order is.', resolve: (o) => o.status }),
    deliveryStatus: t.field({
      type: DeliveryStatusType,
      description: 'How much has been delivered.',
      resolve: (o) => o.deliveryStatus,
    }),
    invoicingStatus: t.field({
      type: InvoicingStatusType,
      description: 'How much has been invoiced.',
      resolve: (o) => o.invoicingStatus,
    }),
    orderedAt: t.field({
      type: 'DateTime',
      description: 'When the order was placed (for a quotation: when it was created).',
      resolve: (o) => o.orderedAt,
    }),
    customer: t.field({
      type: CustomerType,
      description: 'The customer who ordered.',
      resolve: async (o, _args, context) => {
        const customer = await context.loaders.customerById.load(o.customerRowId);
        if (!customer) throw new Error(`Customer ${o.customerRowId} of order ${o.number} is missing`);
        return customer;
      },
    }),
    shippingAddress: t.field({
      type: AddressType,
      nullable: true,
      description: 'Where the goods go; null only when Odoo has none.',
      resolve: (o, _args, context) =>
        o.shippingAddressRowId === null ? null : context.loaders.addressById.load(o.shippingAddressRowId),
    }),
    invoiceAddress: t.field({
      type: AddressType,
      nullable: true,
      description: 'Where the invoice goes; null only when Odoo has none.',
      resolve: (o, _args, context) =>
        o.invoiceAddressRowId === null ? null : context.loaders.addressById.load(o.invoiceAddressRowId),
    }),
    lines: t.field({
      type: [OrderLineType],
      description: 'The product lines, in document order (an order has a bounded number of lines).',
      resolve: (o, _args, context, info) =>
        (wantsOnlyOrderedLines(info)
          ? context.loaders.orderedLinesByOrderId
          : context.loaders.linesByOrderId
        ).load(o.rowId),
    }),
    totals: t.field({
      type: OrderTotalsType,
      description: 'What the order comes to: before tax, tax, and total.',
      resolve: (o) => o.totals,
    }),
    margin: t.field({
      type: Money,
      description:
        "Untaxed total minus the lines' cost (ordered quantity × product cost); internal only (scope `margin:read`).",
      requiresScopes: [['margin:read']],
      resolve: (o, _args, context) => context.loaders.marginByOrder.load(o),
    }),
    updatedAt: t.field({
      type: 'DateTime',
      description: 'When the order last changed.',
      resolve: (o) => o.updatedAt,
    }),
  }),
});

type OrderKey = { id: string } | { number: string };

/** The order a federation reference points at, by either key; null when not found or not visible. */
function resolveOrderReference(reference: OrderKey, context: OrdersContext): Promise<Order | null> | null {
  requirePrincipal(context);
  if ('number' in reference) return context.loaders.orderByNumber.load(reference.number);
  const rowId = fromGlobalId('Order', reference.id);
  return rowId === null ? null : context.loaders.orderById.load(rowId);
}

builder.asEntity(OrderType, {
  key: [builder.selection<{ id: string }>('id'), builder.selection<{ number: string }>('number')],
  resolveReference: resolveOrderReference,
});
