import type { FieldSpec, FieldValue, ModelSpec } from './field-spec.js';

/** Fields every Odoo record has; `write_date` is the basis of change detection. */
const common = { display_name: 'char', create_date: 'datetime', write_date: 'datetime' } as const;
const inCurrency = { kind: 'money', currency: 'currency_id' } as const;

/**
 * The models the graph reads and the fields it uses, with how each reads. Field names follow
 * the reference (shared/reference/odoo.md); a field asked of Odoo must be listed here.
 */
export const odooModels = {
  'res.partner': {
    ...common,
    name: 'char',
    ref: 'char',
    email: 'char',
    phone: 'char',
    is_company: 'bool',
    parent_id: 'm2o',
    child_ids: 'x2m',
    type: 'selection',
    customer_rank: 'int',
    supplier_rank: 'int',
    credit_limit: 'money',
    street: 'char',
    street2: 'char',
    city: 'char',
    zip: 'char',
    state_id: 'm2o',
    country_id: 'm2o',
    vat: 'char',
    active: 'bool',
  },
  'product.product': {
    ...common,
    name: 'char',
    default_code: 'char',
    barcode: 'char',
    description_sale: 'text',
    categ_id: 'm2o',
    list_price: inCurrency,
    standard_price: inCurrency,
    currency_id: 'm2o',
    uom_id: 'm2o',
    type: 'selection',
    is_storable: 'bool',
    qty_available: 'float',
    virtual_available: 'float',
    free_qty: 'float',
    incoming_qty: 'float',
    outgoing_qty: 'float',
    active: 'bool',
  },
  'stock.warehouse': {
    ...common,
    name: 'char',
    code: 'char',
    lot_stock_id: 'm2o',
    company_id: 'm2o',
    active: 'bool',
  },
  'stock.location': {
    ...common,
    name: 'char',
    complete_name: 'char',
    usage: 'selection',
    location_id: 'm2o',
    warehouse_id: 'm2o',
    active: 'bool',
  },
  'stock.quant': {
    ...common,
    product_id: 'm2o',
    location_id: 'm2o',
    quantity: 'float',
    reserved_quantity: 'float',
  },
  'sale.order': {
    ...common,
    name: 'char',
    partner_id: 'm2o',
    partner_invoice_id: 'm2o',
    partner_shipping_id: 'm2o',
    client_order_ref: 'char',
    date_order: 'datetime',
    // `done` is the state of Odoo 16 and earlier, which lock instead since 17.
    state: { kind: 'selection', values: ['draft', 'sent', 'sale', 'done', 'cancel'] },
    locked: 'bool',
    order_line: 'x2m',
    amount_untaxed: inCurrency,
    amount_tax: inCurrency,
    amount_total: inCurrency,
    currency_id: 'm2o',
    warehouse_id: 'm2o',
    picking_ids: 'x2m',
    invoice_ids: 'x2m',
    invoice_status: { kind: 'selection', values: ['upselling', 'invoiced', 'to invoice', 'no'] },
    delivery_status: 'selection',
  },
  'sale.order.line': {
    ...common,
    order_id: 'm2o',
    sequence: 'int',
    // Set on section and note lines (layout, not goods); false on a product line.
    display_type: 'selection',
    product_id: 'm2o',
    name: 'text',
    product_uom_qty: 'float',
    qty_delivered: 'float',
    qty_invoiced: 'float',
    price_unit: inCurrency,
    discount: 'float',
    price_subtotal: inCurrency,
    price_total: inCurrency,
    currency_id: 'm2o',
  },
  'stock.picking': {
    ...common,
    name: 'char',
    origin: 'char',
    partner_id: 'm2o',
    picking_type_id: 'm2o',
    state: { kind: 'selection', values: ['draft', 'waiting', 'confirmed', 'assigned', 'done', 'cancel'] },
    scheduled_date: 'datetime',
    date_done: 'datetime',
    carrier_tracking_ref: 'char',
    move_ids: 'x2m',
  },
  'account.move': {
    ...common,
    name: 'char',
    move_type: 'selection',
    partner_id: 'm2o',
    invoice_date: 'date',
    invoice_date_due: 'date',
    invoice_origin: 'char',
    // The company invoiced; `partner_id` is often one of its contacts (e.g. "Accounts Payable").
    commercial_partner_id: 'm2o',
    // The customer's reference (PO number) of what is invoiced.
    ref: 'char',
    state: { kind: 'selection', values: ['draft', 'posted', 'cancel'] },
    payment_state: {
      kind: 'selection',
      values: ['not_paid', 'in_payment', 'paid', 'partial', 'reversed', 'invoicing_legacy', 'blocked'],
    },
    amount_untaxed: inCurrency,
    amount_tax: inCurrency,
    amount_total: inCurrency,
    amount_residual: inCurrency,
    currency_id: 'm2o',
    // The product, section and note lines (not tax and receivable ones).
    invoice_line_ids: 'x2m',
  },
  'account.move.line': {
    ...common,
    move_id: 'm2o',
    // The sale order lines an invoice line bills (sale's `sale_order_line_invoice_rel`).
    sale_line_ids: 'x2m',
  },
  'res.currency': {
    ...common,
    name: 'char',
    symbol: 'char',
    decimal_places: 'int',
    rounding: 'float',
    active: 'bool',
  },
  'res.users': {
    ...common,
    name: 'char',
    login: 'char',
    partner_id: 'm2o',
    company_id: 'm2o',
    active: 'bool',
  },
} as const satisfies Record<string, ModelSpec>;

export type OdooModels = typeof odooModels;
export type OdooModelName = keyof OdooModels;
export type OdooFieldName<M extends OdooModelName> = keyof OdooModels[M] & string;

/** A normalised record of model `M` holding fields `F` (all the model's listed fields by default). */
export type OdooRecord<M extends OdooModelName, F extends OdooFieldName<M> = OdooFieldName<M>> = {
  id: number;
} & {
  -readonly [K in F]: OdooModels[M][K] extends FieldSpec ? FieldValue<OdooModels[M][K]> : never;
};

/** The spec of a model, typed loosely for code that walks it. */
export function modelSpec(model: OdooModelName): ModelSpec {
  return odooModels[model];
}

export function isOdooModelName(model: string): model is OdooModelName {
  return Object.hasOwn(odooModels, model);
}
