/**
 * The sales vocabulary as the connectors hand it to the subgraphs: customers, their addresses, orders
 * and order lines. Row ids travel inside these shapes so that loaders can follow references; the graph
 * exposes them only inside opaque ids.
 *
 * Where each field comes from in Odoo:
 *
 * | Canonical                  | Odoo                                                           |
 * | -------------------------- | -------------------------------------------------------------- |
 * | Order.number               | sale.order `name` (e.g. S00042)                                |
 * | Order.customerReference    | sale.order `client_order_ref` (the customer's PO)              |
 * | Order.status               | sale.order `state`, with delivery and invoice status (below)  |
 * | Order.deliveryStatus       | sale.order `delivery_status`                                   |
 * | Order.invoicingStatus      | sale.order `invoice_status`                                    |
 * | Order.orderedAt            | sale.order `date_order`                                        |
 * | Order.customerRowId        | sale.order `partner_id` (the commercial partner)               |
 * | Order.shipping/invoice...  | sale.order `partner_shipping_id` / `partner_invoice_id`        |
 * | Order.totals               | `amount_untaxed`, `amount_tax`, `amount_total` in `currency_id`|
 * | OrderLine.quantity...      | sale.order.line `product_uom_qty`, `qty_delivered`, `qty_invoiced` |
 * | OrderLine.unitPrice...     | `price_unit`, `discount`, `price_subtotal`, `price_total`      |
 * | Customer                   | res.partner (company) `name`, `ref`, `email`, `phone`, `vat`   |
 * | Address                    | res.partner child of `type` delivery / invoice                 |
 *
 * OrderStatus from `state`: draft → DRAFT, sent → QUOTATION_SENT, sale → CONFIRMED (COMPLETED once
 * `delivery_status` is full and `invoice_status` is invoiced), cancel → CANCELLED, done (Odoo 16 and
 * earlier) → COMPLETED.
 * DeliveryStatus from `delivery_status`: unset or pending → NOT_DELIVERED, started → IN_PROGRESS,
 * partial → PARTIALLY_DELIVERED, full → DELIVERED.
 * InvoicingStatus from `invoice_status`: unset or no → NOTHING_TO_INVOICE, to invoice → TO_INVOICE,
 * invoiced → INVOICED, upselling → UPSELLING.
 */
import type { MoneyShape } from '../../platform/graphql/create-subgraph-builder.js';

export const orderStatuses = ['DRAFT', 'QUOTATION_SENT', 'CONFIRMED', 'COMPLETED', 'CANCELLED'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const deliveryStatuses = ['NOT_DELIVERED', 'IN_PROGRESS', 'PARTIALLY_DELIVERED', 'DELIVERED'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export const invoicingStatuses = ['NOTHING_TO_INVOICE', 'TO_INVOICE', 'INVOICED', 'UPSELLING'] as const;
export type InvoicingStatus = (typeof invoicingStatuses)[number];

export interface Customer {
  rowId: number;
  name: string;
  reference: string | null;
  email: string | null;
  phone: string | null;
  vatNumber: string | null;
}

export type AddressKind = 'DELIVERY' | 'INVOICE' | 'OTHER';

export interface Address {
  rowId: number;
  kind: AddressKind;
  /** The customer the address belongs to (the partner itself when it is its own address). */
  customerRowId: number;
  name: string | null;
  street: string | null;
  street2: string | null;
  city: string | null;
  zip: string | null;
  /** Row id of the country; its ISO code is looked up separately (Odoo's display name is not the code). */
  countryRowId: number | null;
}

export interface OrderTotals {
  untaxed: MoneyShape;
  tax: MoneyShape;
  total: MoneyShape;
}

export interface Order {
  rowId: number;
  number: string;
  customerReference: string | null;
  status: OrderStatus;
  deliveryStatus: DeliveryStatus;
  invoicingStatus: InvoicingStatus;
  orderedAt: string;
  customerRowId: number;
  shippingAddressRowId: number | null;
  invoiceAddressRowId: number | null;
  totals: OrderTotals;
  updatedAt: string;
}

export interface OrderLine {
  rowId: number;
  orderRowId: number;
  /** Null for lines without a catalogue product (sections, notes). */
  productRowId: number | null;
  description: string | null;
  /** Decimal strings in the line's unit, which comes with the product (see ProductReference). */
  orderedQuantity: string;
  deliveredQuantity: string;
  invoicedQuantity: string;
  unitPrice: MoneyShape;
  discountPercent: string;
  subtotal: MoneyShape;
  total: MoneyShape;
}

/** What the orders graph knows of a product: enough to reference the inventory subgraph's entity. */
export interface ProductReference {
  rowId: number;
  /** Null for a product without an SKU, which the catalogue does not expose. */
  sku: string | null;
  /** The catalogue name, as the inventory subgraph's Product.name reads it (lines provide it). */
  name: string;
  unit: string;
}

/** What an order search may filter on; all given conditions must hold. */
export interface OrderFilter {
  statuses?: readonly OrderStatus[];
  customerRowId?: number;
  orderedAfter?: string;
  orderedBefore?: string;
  customerReference?: string;
}
