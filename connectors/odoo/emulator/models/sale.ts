/**
 * Sales: sale.order and sale.order.line (Odoo 19 field names: `product_uom_id`, `tax_ids`), the invoicing
 * wizard `sale.advance.payment.inv` and the cancel wizard `sale.order.cancel`. Stored figures (amounts,
 * invoice_status, delivery_status, qty_delivered, qty_invoiced) are kept current by ../business/.
 */
import type { Env, ModelDef, StoredRecord } from '../orm/model-def.js';
import { companyCurrencyId } from './base.js';
import { UserError } from '../orm/exceptions.js';
import { defaultSaleTaxes, lineAmounts } from '../business/amounts.js';
import { launchDeliveries } from '../business/delivery.js';
import { createInvoices, invoiceAction } from '../business/invoicing.js';
import { lineInvoiceStatus, qtyToInvoice, refreshOrder } from '../business/order-status.js';
import { cancelOrders, confirmOrders, markSent, resetToDraft } from '../business/sale-flow.js';
import { irSequence, nextByCode } from '../business/sequence.js';
import { addDays, children, m2o, num, str, today, x2m } from '../business/values.js';

/** res.partner `address_get`: the first child contact of that type, else the partner itself. */
function address(env: Env, partner: unknown, type: string): number | false {
  const id = m2o(partner);
  if (!id) return false;
  // Through the child_ids index: a search on res.partner would scan every contact.
  const child = children(env, 'res.partner', id, 'child_ids')
    .sort((a, b) => a - b)
    .find((c) => env.get('res.partner', c).type === type);
  return child ?? id;
}

function productOf(env: Env, vals: Record<string, unknown>): StoredRecord | null {
  const id = m2o(vals.product_id);
  return id ? env.get('product.product', id) : null;
}

function firstId(env: Env, model: string, domain: [string, string, unknown][]): number | false {
  const [id] = env.search(model, domain, { limit: 1, order: 'id' });
  return id ?? false;
}

const ORDER_STATES = [
  ['draft', 'Quotation'],
  ['sent', 'Quotation Sent'],
  ['sale', 'Sales Order'],
  ['cancel', 'Cancelled'],
] as const;

const INVOICE_STATUS = [
  ['upselling', 'Upselling Opportunity'],
  ['invoiced', 'Fully Invoiced'],
  ['to invoice', 'To Invoice'],
  ['no', 'Nothing to Invoice'],
] as const;

function orderOf(env: Env, line: StoredRecord): StoredRecord | null {
  const id = m2o(line.order_id);
  return id ? env.get('sale.order', id) : null;
}

const saleOrder: ModelDef = {
  name: 'sale.order',
  description: 'Sales Order',
  order: 'date_order desc, id desc',
  fields: {
    name: { type: 'char', string: 'Order Reference', required: true, default: 'New' },
    partner_id: { type: 'many2one', string: 'Customer', relation: 'res.partner', required: true },
    partner_invoice_id: {
      type: 'many2one',
      string: 'Invoice Address',
      relation: 'res.partner',
      default: (env: Env, vals: Record<string, unknown>) => address(env, vals.partner_id, 'invoice'),
    },
    partner_shipping_id: {
      type: 'many2one',
      string: 'Delivery Address',
      relation: 'res.partner',
      default: (env: Env, vals: Record<string, unknown>) => address(env, vals.partner_id, 'delivery'),
    },
    client_order_ref: { type: 'char', string: 'Customer Reference' },
    origin: { type: 'char', string: 'Source Document' },
    state: { type: 'selection', string: 'Status', selection: ORDER_STATES, default: 'draft', readonly: true },
    locked: {
      type: 'boolean',
      string: 'Locked',
      default: false,
      readonly: true,
      help: 'Locked orders cannot be modified.',
    },
    date_order: { type: 'datetime', string: 'Order Date', required: true, default: (env: Env) => env.now() },
    validity_date: { type: 'date', string: 'Expiration', default: (env: Env) => addDays(today(env), 30) },
    commitment_date: { type: 'datetime', string: 'Delivery Date' },
    user_id: {
      type: 'many2one',
      string: 'Salesperson',
      relation: 'res.users',
      default: (env: Env) => env.uid,
    },
    currency_id: {
      type: 'many2one',
      string: 'Currency',
      relation: 'res.currency',
      default: (env: Env) => companyCurrencyId(env),
    },
    payment_term_id: { type: 'many2one', string: 'Payment Terms', relation: 'account.payment.term' },
    warehouse_id: {
      type: 'many2one',
      string: 'Warehouse',
      relation: 'stock.warehouse',
      default: (env: Env) => firstId(env, 'stock.warehouse', []),
    },
    picking_policy: {
      type: 'selection',
      string: 'Shipping Policy',
      default: 'direct',
      required: true,
      selection: [
        ['direct', 'As soon as possible'],
        ['one', 'When all products are ready'],
      ],
    },
    note: { type: 'html', string: 'Terms and conditions' },
    order_line: {
      type: 'one2many',
      string: 'Order Lines',
      relation: 'sale.order.line',
      inverseName: 'order_id',
    },
    amount_untaxed: { type: 'monetary', string: 'Untaxed Amount', readonly: true, default: 0 },
    amount_tax: { type: 'monetary', string: 'Taxes', readonly: true, default: 0 },
    amount_total: { type: 'monetary', string: 'Total', readonly: true, default: 0 },
    invoice_ids: { type: 'many2many', string: 'Invoices', relation: 'account.move', readonly: true },
    invoice_count: { type: 'integer', string: 'Invoice Count', compute: (r) => x2m(r.invoice_ids).length },
    invoice_status: {
      type: 'selection',
      string: 'Invoice Status',
      selection: INVOICE_STATUS,
      readonly: true,
      default: 'no',
    },
    picking_ids: { type: 'one2many', string: 'Transfers', relation: 'stock.picking', inverseName: 'sale_id' },
    delivery_count: {
      type: 'integer',
      string: 'Delivery Orders',
      compute: (r, env) => children(env, 'sale.order', r.id, 'picking_ids').length,
    },
    delivery_status: {
      type: 'selection',
      string: 'Delivery Status',
      readonly: true,
      selection: [
        ['pending', 'Not Delivered'],
        ['started', 'Started'],
        ['partial', 'Partially Delivered'],
        ['full', 'Fully Delivered'],
      ],
    },
    is_expired: {
      type: 'boolean',
      string: 'Is Expired',
      compute: (r, env) =>
        (r.state === 'draft' || r.state === 'sent') && !!r.validity_date && str(r.validity_date) < today(env),
    },
  },
  methods: {
    action_confirm: (env, ids) => confirmOrders(env, ids),
    action_cancel: (env, ids) => cancelOrders(env, ids),
    action_quotation_sent: (env, ids) => (markSent(env, ids), true),
    action_draft: (env, ids) => resetToDraft(env, ids),
    action_lock: (env, ids) => (env.write('sale.order', ids, { locked: true }), true),
    action_unlock: (env, ids) => (env.write('sale.order', ids, { locked: false }), true),
  },
  afterCreate: (env, ids) => {
    for (const id of ids) {
      if (env.get('sale.order', id).name === 'New')
        env.write('sale.order', [id], { name: nextByCode(env, 'sale.order', 'S') });
      refreshOrder(env, id);
    }
  },
  afterWrite: (env, ids, vals) => {
    if ('partner_id' in vals) {
      const addresses: Record<string, unknown> = {};
      if (!('partner_invoice_id' in vals))
        addresses.partner_invoice_id = address(env, vals.partner_id, 'invoice');
      if (!('partner_shipping_id' in vals))
        addresses.partner_shipping_id = address(env, vals.partner_id, 'delivery');
      if (Object.keys(addresses).length > 0) env.write('sale.order', ids, addresses);
    }
    if ('order_line' in vals || 'state' in vals) for (const id of ids) refreshOrder(env, id);
  },
};

const AMOUNT_FIELDS = new Set([
  'product_uom_qty',
  'price_unit',
  'discount',
  'tax_ids',
  'product_id',
  'qty_delivered',
  'qty_invoiced',
]);

function lineOrders(env: Env, ids: number[]): number[] {
  return [
    ...new Set(ids.map((id) => m2o(env.get('sale.order.line', id).order_id)).filter((o): o is number => !!o)),
  ];
}

const saleOrderLine: ModelDef = {
  name: 'sale.order.line',
  description: 'Sales Order Line',
  order: 'order_id, sequence, id',
  fields: {
    order_id: { type: 'many2one', string: 'Order Reference', relation: 'sale.order', required: true },
    sequence: { type: 'integer', string: 'Sequence', default: 10 },
    display_type: {
      type: 'selection',
      string: 'Display Type',
      selection: [
        ['line_section', 'Section'],
        ['line_subsection', 'Subsection'],
        ['line_note', 'Note'],
      ],
    },
    is_downpayment: { type: 'boolean', string: 'Is a down payment', default: false },
    product_id: { type: 'many2one', string: 'Product', relation: 'product.product' },
    name: {
      type: 'text',
      string: 'Description',
      required: true,
      default: (env: Env, vals: Record<string, unknown>) => {
        const p = productOf(env, vals);
        if (!p) return false;
        const label = p.default_code ? `[${str(p.default_code)}] ${str(p.name)}` : str(p.name);
        return p.description_sale ? `${label}\n${str(p.description_sale)}` : label;
      },
    },
    product_uom_qty: { type: 'float', string: 'Quantity', default: 1.0 },
    product_uom_id: {
      type: 'many2one',
      string: 'Unit',
      relation: 'uom.uom',
      default: (env: Env, vals: Record<string, unknown>) => m2o(productOf(env, vals)?.uom_id),
    },
    price_unit: {
      type: 'float',
      string: 'Unit Price',
      default: (env: Env, vals: Record<string, unknown>) => num(productOf(env, vals)?.list_price),
    },
    discount: { type: 'float', string: 'Discount (%)', default: 0 },
    tax_ids: {
      type: 'many2many',
      string: 'Taxes',
      relation: 'account.tax',
      default: (env: Env, vals: Record<string, unknown>) =>
        m2o(vals.product_id) ? defaultSaleTaxes(env) : [],
    },
    price_subtotal: {
      type: 'monetary',
      string: 'Subtotal',
      compute: (r, env) => lineAmounts(env, r, 'product_uom_qty').subtotal,
    },
    price_tax: {
      type: 'float',
      string: 'Total Tax',
      compute: (r, env) => lineAmounts(env, r, 'product_uom_qty').tax,
    },
    price_total: {
      type: 'monetary',
      string: 'Total',
      compute: (r, env) => lineAmounts(env, r, 'product_uom_qty').total,
    },
    qty_delivered: { type: 'float', string: 'Delivery Quantity', default: 0 },
    qty_invoiced: { type: 'float', string: 'Invoiced Quantity', readonly: true, default: 0 },
    qty_to_invoice: {
      type: 'float',
      string: 'Quantity To Invoice',
      compute: (r, env) => qtyToInvoice(env, r),
    },
    invoice_status: {
      type: 'selection',
      string: 'Invoice Status',
      selection: INVOICE_STATUS,
      compute: (r, env) => lineInvoiceStatus(env, r),
    },
    invoice_lines: {
      type: 'many2many',
      string: 'Invoice Lines',
      relation: 'account.move.line',
      readonly: true,
    },
    move_ids: {
      type: 'one2many',
      string: 'Stock Moves',
      relation: 'stock.move',
      inverseName: 'sale_line_id',
    },
    customer_lead: {
      type: 'float',
      string: 'Lead Time',
      default: (env: Env, vals: Record<string, unknown>) => num(productOf(env, vals)?.sale_delay),
    },
    currency_id: {
      type: 'many2one',
      string: 'Currency',
      relation: 'res.currency',
      compute: (r, env) => m2o(orderOf(env, r)?.currency_id),
    },
    order_partner_id: {
      type: 'many2one',
      string: 'Customer',
      relation: 'res.partner',
      compute: (r, env) => m2o(orderOf(env, r)?.partner_id),
    },
    state: {
      type: 'selection',
      string: 'Order Status',
      selection: ORDER_STATES,
      compute: (r, env) => orderOf(env, r)?.state ?? false,
    },
    product_type: {
      type: 'selection',
      string: 'Product Type',
      selection: [
        ['consu', 'Goods'],
        ['service', 'Service'],
        ['combo', 'Combo'],
      ],
      compute: (r, env) => {
        const p = m2o(r.product_id);
        return p ? env.get('product.product', p).type : false;
      },
    },
  },
  constrain: (env, ids) => {
    for (const id of ids) {
      const line = env.get('sale.order.line', id);
      if (
        num(line.product_uom_qty) + 0.005 < num(line.qty_delivered) &&
        orderOf(env, line)?.state === 'sale'
      ) {
        throw new UserError(
          'You cannot decrease the ordered quantity below the delivered quantity.\nCreate a return first.',
        );
      }
    }
  },
  afterCreate: (env, ids) => {
    for (const orderId of lineOrders(env, ids)) {
      // Lines added to a confirmed order are delivered too (sale_stock `_action_launch_stock_rule`).
      if (env.get('sale.order', orderId).state === 'sale') launchDeliveries(env, orderId);
      refreshOrder(env, orderId);
    }
  },
  afterWrite: (env, ids, vals) => {
    if (!Object.keys(vals).some((k) => AMOUNT_FIELDS.has(k))) return;
    for (const orderId of lineOrders(env, ids)) {
      if ('product_uom_qty' in vals && env.get('sale.order', orderId).state === 'sale')
        launchDeliveries(env, orderId);
      refreshOrder(env, orderId);
    }
  },
};

const advancePaymentInv: ModelDef = {
  name: 'sale.advance.payment.inv',
  description: 'Sales Advance Payment Invoice',
  fields: {
    advance_payment_method: {
      type: 'selection',
      string: 'Create Invoice',
      required: true,
      default: 'delivered',
      selection: [
        ['delivered', 'Regular Invoice'],
        ['fixed', 'Down Payment'],
      ],
    },
    sale_order_ids: {
      type: 'many2many',
      string: 'Sale Order',
      relation: 'sale.order',
      default: (env: Env) => (env.context.active_model === 'sale.order' ? x2m(env.context.active_ids) : []),
    },
    count: { type: 'integer', string: 'Order Count', compute: (r) => x2m(r.sale_order_ids).length },
    consolidated_billing: { type: 'boolean', string: 'Consolidated Billing', default: true },
    deduct_down_payments: { type: 'boolean', string: 'Deduct down payments', default: true },
    amount: { type: 'float', string: 'Down Payment', default: 0 },
    fixed_amount: { type: 'monetary', string: 'Fixed Amount', default: 0 },
  },
  methods: {
    create_invoices: (env, ids) => {
      const moveIds: number[] = [];
      for (const id of ids) {
        const wizard = env.get('sale.advance.payment.inv', id);
        if (wizard.advance_payment_method !== 'delivered') {
          // Simplification: down payment invoices are not emulated.
          throw new UserError('Down payments are not supported by this Odoo emulator.');
        }
        moveIds.push(
          ...createInvoices(env, x2m(wizard.sale_order_ids), wizard.consolidated_billing !== false),
        );
      }
      return invoiceAction(moveIds);
    },
  },
};

const orderCancel: ModelDef = {
  name: 'sale.order.cancel',
  description: 'Sales Order Cancel',
  fields: {
    order_id: {
      type: 'many2one',
      string: 'Sale Order',
      relation: 'sale.order',
      required: true,
      default: (env: Env) =>
        typeof env.context.default_order_id === 'number' ? env.context.default_order_id : false,
    },
  },
  methods: {
    action_cancel: (env, ids) => cancelWizard(env, ids),
    action_send_mail_and_cancel: (env, ids) => cancelWizard(env, ids),
  },
};

function cancelWizard(env: Env, ids: number[]): unknown {
  const orders = ids
    .map((id) => m2o(env.get('sale.order.cancel', id).order_id))
    .filter((o): o is number => !!o);
  return cancelOrders(env.withContext({ disable_cancel_warning: true }), orders);
}

export const models: ModelDef[] = [saleOrder, saleOrderLine, advancePaymentInv, orderCancel, irSequence];
