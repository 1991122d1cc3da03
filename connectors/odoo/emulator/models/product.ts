/**
 * product.product, the variant a sale order line and a stock move point at. Odoo splits a product into a
 * template and variants; a distributor's catalogue has one variant per template, so the emulator keeps
 * the template's fields on the variant and does not model product.template (simplification).
 * Field names follow Odoo 19: `type` is consu|service|combo and `is_storable` marks tracked inventory.
 */
import type { Env, FieldDef, ModelDef, StoredRecord } from '../orm/model-def.js';
import { stockFigures, type StockFigures } from '../business/stock-figures.js';
import { str } from '../business/values.js';
import { companyCurrencyId } from './base.js';

function firstId(env: Env, model: string, domain: [string, string, unknown][]): number | false {
  const [id] = env.search(model, domain, { limit: 1, order: 'id' });
  return id ?? false;
}

function stockField(key: keyof StockFigures, label: string, help: string): FieldDef {
  return {
    type: 'float',
    string: label,
    readonly: true,
    help,
    compute: (record: StoredRecord, env: Env) => stockFigures(env, record.id)[key],
  };
}

const productProduct: ModelDef = {
  name: 'product.product',
  description: 'Product Variant',
  order: 'default_code, name, id',
  /** Odoo shows a product as `[SKU] Name` (product.product `_compute_display_name`). */
  displayName: (r) => (r.default_code ? `[${str(r.default_code)}] ${str(r.name)}` : str(r.name)),
  fields: {
    name: { type: 'char', string: 'Name', required: true },
    default_code: { type: 'char', string: 'Internal Reference' },
    barcode: { type: 'char', string: 'Barcode' },
    active: { type: 'boolean', string: 'Active', default: true },
    type: {
      type: 'selection',
      string: 'Product Type',
      selection: [
        ['consu', 'Goods'],
        ['service', 'Service'],
        ['combo', 'Combo'],
      ],
      default: 'consu',
      required: true,
    },
    is_storable: { type: 'boolean', string: 'Track Inventory', default: false },
    sale_ok: { type: 'boolean', string: 'Can be Sold', default: true },
    purchase_ok: { type: 'boolean', string: 'Can be Purchased', default: true },
    invoice_policy: {
      type: 'selection',
      string: 'Invoicing Policy',
      selection: [
        ['order', 'Ordered quantities'],
        ['delivery', 'Delivered quantities'],
      ],
      default: 'order',
    },
    currency_id: {
      type: 'many2one',
      string: 'Currency',
      relation: 'res.currency',
      readonly: true,
      compute: (_record: StoredRecord, env: Env) => companyCurrencyId(env),
    },
    list_price: { type: 'float', string: 'Sales Price', default: 1.0 },
    standard_price: { type: 'float', string: 'Cost', default: 0 },
    uom_id: {
      type: 'many2one',
      string: 'Unit',
      relation: 'uom.uom',
      default: (env: Env) => firstId(env, 'uom.uom', [['name', '=', 'Units']]) || firstId(env, 'uom.uom', []),
    },
    categ_id: {
      type: 'many2one',
      string: 'Product Category',
      relation: 'product.category',
      default: (env: Env) => firstId(env, 'product.category', [['name', '=', 'All']]),
    },
    description_sale: { type: 'text', string: 'Sales Description' },
    weight: { type: 'float', string: 'Weight' },
    volume: { type: 'float', string: 'Volume' },
    sale_delay: { type: 'integer', string: 'Customer Lead Time', default: 0 },
    stock_quant_ids: {
      type: 'one2many',
      string: 'Stock Quants',
      relation: 'stock.quant',
      inverseName: 'product_id',
    },
    stock_move_ids: {
      type: 'one2many',
      string: 'Stock Moves',
      relation: 'stock.move',
      inverseName: 'product_id',
    },
    qty_available: stockField(
      'qty_available',
      'Quantity On Hand',
      'Current quantity in the locations of the context (warehouse or location), all internal ones otherwise.',
    ),
    virtual_available: stockField(
      'virtual_available',
      'Forecasted Quantity',
      'On hand + incoming - outgoing, for the locations of the context.',
    ),
    free_qty: stockField(
      'free_qty',
      'Free To Use Quantity',
      'On hand minus reserved, for the locations of the context.',
    ),
    incoming_qty: stockField(
      'incoming_qty',
      'Incoming',
      'Quantity of planned incoming moves into the locations.',
    ),
    outgoing_qty: stockField(
      'outgoing_qty',
      'Outgoing',
      'Quantity of planned outgoing moves from the locations.',
    ),
  },
};

export const models: ModelDef[] = [productProduct];
