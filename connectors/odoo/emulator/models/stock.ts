/**
 * Inventory: warehouses, locations, quants, operation types, transfers (stock.picking) and moves, named
 * as in Odoo 19's `stock` module. Business rules live in ../business/ (reservation, delivery).
 * Simplifications: no stock.move.line, no routes or rules (one-step delivery), no lots or packages.
 */
import type { Env, ModelDef, StoredRecord } from '../orm/model-def.js';
import {
  assignPickings,
  cancelPickings,
  confirmPickings,
  unreservePickings,
  validatePickings,
} from '../business/delivery.js';
import { virtualLocation } from '../business/locations.js';
import { onMoveQuantityWritten } from '../business/reservation.js';
import { isInternal, m2o, num, roundQty, str } from '../business/values.js';

const PICKING_STATES = [
  ['draft', 'Draft'],
  ['waiting', 'Waiting Another Operation'],
  ['confirmed', 'Waiting'],
  ['assigned', 'Ready'],
  ['done', 'Done'],
  ['cancel', 'Cancelled'],
] as const;

const MOVE_STATES = [
  ['draft', 'New'],
  ['waiting', 'Waiting Another Move'],
  ['confirmed', 'Waiting Availability'],
  ['partially_available', 'Partially Available'],
  ['assigned', 'Available'],
  ['done', 'Done'],
  ['cancel', 'Cancelled'],
] as const;

function completeName(env: Env, record: StoredRecord): string {
  let name = str(record.name);
  let parent = m2o(record.location_id);
  let usage = str(record.usage);
  for (let depth = 0; parent && usage !== 'view' && depth < 20; depth += 1) {
    const p = env.get('stock.location', parent);
    name = `${str(p.name)}/${name}`;
    usage = str(p.usage);
    parent = m2o(p.location_id);
    if (usage === 'view') break;
  }
  return name;
}

/** Creates a new warehouse's view and stock locations and its delivery operation type, as Odoo does. */
function setUpWarehouse(env: Env, ids: number[]): void {
  for (const id of ids) {
    const wh = env.get('stock.warehouse', id);
    if (m2o(wh.lot_stock_id)) continue;
    const code = str(wh.code) || `WH${id}`;
    const view = env.create('stock.location', { name: code, usage: 'view', warehouse_id: id });
    const stock = env.create('stock.location', {
      name: 'Stock',
      usage: 'internal',
      location_id: view,
      warehouse_id: id,
    });
    const out = env.create('stock.picking.type', {
      name: 'Delivery Orders',
      code: 'outgoing',
      sequence_code: 'OUT',
      warehouse_id: id,
      default_location_src_id: stock,
      default_location_dest_id: virtualLocation(env, 'customer'),
    });
    env.write('stock.warehouse', [id], { view_location_id: view, lot_stock_id: stock, out_type_id: out });
  }
}

const warehouse: ModelDef = {
  name: 'stock.warehouse',
  description: 'Warehouse',
  order: 'sequence, id',
  fields: {
    name: { type: 'char', string: 'Warehouse', required: true },
    code: {
      type: 'char',
      string: 'Short Name',
      required: true,
      help: 'Short name used to identify your warehouse',
    },
    active: { type: 'boolean', string: 'Active', default: true },
    sequence: { type: 'integer', string: 'Sequence', default: 10 },
    company_id: {
      type: 'many2one',
      string: 'Company',
      relation: 'res.company',
      required: true,
      default: (env: Env) => env.search('res.company', [], { limit: 1, order: 'id' })[0] ?? false,
    },
    partner_id: { type: 'many2one', string: 'Address', relation: 'res.partner' },
    view_location_id: {
      type: 'many2one',
      string: 'View Location',
      relation: 'stock.location',
      readonly: true,
    },
    lot_stock_id: { type: 'many2one', string: 'Location Stock', relation: 'stock.location', readonly: true },
    out_type_id: { type: 'many2one', string: 'Out Type', relation: 'stock.picking.type', readonly: true },
  },
  afterCreate: setUpWarehouse,
};

const location: ModelDef = {
  name: 'stock.location',
  description: 'Inventory Locations',
  order: 'complete_name, id',
  recName: 'complete_name',
  fields: {
    name: { type: 'char', string: 'Location Name', required: true },
    complete_name: {
      type: 'char',
      string: 'Full Location Name',
      readonly: true,
      compute: (r, env) => completeName(env, r),
    },
    active: { type: 'boolean', string: 'Active', default: true },
    usage: {
      type: 'selection',
      string: 'Location Type',
      required: true,
      default: 'internal',
      selection: [
        ['supplier', 'Vendor'],
        ['view', 'Virtual'],
        ['internal', 'Internal'],
        ['customer', 'Customer'],
        ['inventory', 'Inventory Loss'],
        ['production', 'Production'],
        ['transit', 'Transit'],
      ],
    },
    location_id: { type: 'many2one', string: 'Parent Location', relation: 'stock.location' },
    child_ids: {
      type: 'one2many',
      string: 'Contains',
      relation: 'stock.location',
      inverseName: 'location_id',
    },
    warehouse_id: { type: 'many2one', string: 'Warehouse', relation: 'stock.warehouse', readonly: true },
    barcode: { type: 'char', string: 'Barcode' },
  },
};

const pickingType: ModelDef = {
  name: 'stock.picking.type',
  description: 'Picking Type',
  order: 'sequence, id',
  fields: {
    name: { type: 'char', string: 'Operation Type', required: true },
    code: {
      type: 'selection',
      string: 'Type of Operation',
      required: true,
      selection: [
        ['incoming', 'Receipt'],
        ['outgoing', 'Delivery'],
        ['internal', 'Internal Transfer'],
      ],
    },
    sequence: { type: 'integer', string: 'Sequence', default: 10 },
    sequence_code: { type: 'char', string: 'Sequence Prefix', required: true },
    active: { type: 'boolean', string: 'Active', default: true },
    warehouse_id: { type: 'many2one', string: 'Warehouse', relation: 'stock.warehouse' },
    default_location_src_id: {
      type: 'many2one',
      string: 'Default Source Location',
      relation: 'stock.location',
    },
    default_location_dest_id: {
      type: 'many2one',
      string: 'Default Destination Location',
      relation: 'stock.location',
    },
  },
};

/** stock.quant.action_apply_inventory: the counted quantity becomes the quantity on hand. */
function applyInventory(env: Env, ids: number[]): false {
  for (const id of ids) {
    const quant = env.get('stock.quant', id);
    env.write('stock.quant', [id], {
      quantity: roundQty(num(quant.inventory_quantity)),
      inventory_quantity: 0,
      inventory_quantity_set: false,
      inventory_date: env.now().slice(0, 10),
    });
  }
  return false;
}

const quant: ModelDef = {
  name: 'stock.quant',
  description: 'Quants',
  fields: {
    product_id: { type: 'many2one', string: 'Product', relation: 'product.product', required: true },
    location_id: { type: 'many2one', string: 'Location', relation: 'stock.location', required: true },
    warehouse_id: {
      type: 'many2one',
      string: 'Warehouse',
      relation: 'stock.warehouse',
      compute: (r, env) => {
        const loc = m2o(r.location_id);
        return loc ? m2o(env.get('stock.location', loc).warehouse_id) : false;
      },
    },
    quantity: { type: 'float', string: 'Quantity', readonly: true, default: 0 },
    reserved_quantity: { type: 'float', string: 'Reserved Quantity', readonly: true, default: 0 },
    available_quantity: {
      type: 'float',
      string: 'Available Quantity',
      compute: (r) => roundQty(num(r.quantity) - num(r.reserved_quantity)),
    },
    inventory_quantity: { type: 'float', string: 'Counted Quantity', default: 0 },
    inventory_quantity_set: {
      type: 'boolean',
      string: 'Inventory Quantity Set',
      default: (_env: Env, vals: Record<string, unknown>) => 'inventory_quantity' in vals,
    },
    inventory_diff_quantity: {
      type: 'float',
      string: 'Difference',
      compute: (r) => (r.inventory_quantity_set ? roundQty(num(r.inventory_quantity) - num(r.quantity)) : 0),
    },
    inventory_date: { type: 'date', string: 'Scheduled Date' },
  },
  methods: { action_apply_inventory: (env, ids) => applyInventory(env, ids) },
  afterWrite: (env, ids, vals) => {
    if ('inventory_quantity' in vals && !('inventory_quantity_set' in vals)) {
      env.write('stock.quant', ids, { inventory_quantity_set: true });
    }
  },
};

const picking: ModelDef = {
  name: 'stock.picking',
  description: 'Transfer',
  order: 'priority desc, scheduled_date asc, id desc',
  fields: {
    name: { type: 'char', string: 'Reference', default: '/', readonly: true },
    origin: { type: 'char', string: 'Source Document' },
    partner_id: { type: 'many2one', string: 'Contact', relation: 'res.partner' },
    picking_type_id: {
      type: 'many2one',
      string: 'Operation Type',
      relation: 'stock.picking.type',
      required: true,
    },
    picking_type_code: {
      type: 'selection',
      string: 'Type of Operation',
      selection: pickingType.fields.code!.selection!,
      compute: (r, env) => {
        const type = m2o(r.picking_type_id);
        return type ? env.get('stock.picking.type', type).code : false;
      },
    },
    location_id: { type: 'many2one', string: 'Source Location', relation: 'stock.location', required: true },
    location_dest_id: {
      type: 'many2one',
      string: 'Destination Location',
      relation: 'stock.location',
      required: true,
    },
    move_type: {
      type: 'selection',
      string: 'Shipping Policy',
      default: 'direct',
      selection: [
        ['direct', 'As soon as possible'],
        ['one', 'When all products are ready'],
      ],
    },
    state: {
      type: 'selection',
      string: 'Status',
      selection: PICKING_STATES,
      default: 'draft',
      readonly: true,
    },
    priority: {
      type: 'selection',
      string: 'Priority',
      default: '0',
      selection: [
        ['0', 'Normal'],
        ['1', 'Urgent'],
      ],
    },
    scheduled_date: { type: 'datetime', string: 'Scheduled Date', default: (env: Env) => env.now() },
    date_deadline: { type: 'datetime', string: 'Deadline' },
    date_done: { type: 'datetime', string: 'Date of Transfer', readonly: true },
    carrier_tracking_ref: { type: 'char', string: 'Tracking Reference' },
    move_ids: { type: 'one2many', string: 'Stock Moves', relation: 'stock.move', inverseName: 'picking_id' },
    sale_id: { type: 'many2one', string: 'Sales Order', relation: 'sale.order' },
    backorder_id: { type: 'many2one', string: 'Back Order of', relation: 'stock.picking', readonly: true },
    move_line_ids: {
      type: 'one2many',
      string: 'Operations',
      relation: 'stock.move.line',
      inverseName: 'picking_id',
    },
    backorder_ids: {
      type: 'one2many',
      string: 'Back Orders',
      relation: 'stock.picking',
      inverseName: 'backorder_id',
    },
    note: { type: 'html', string: 'Notes' },
  },
  methods: {
    action_confirm: (env, ids) => (confirmPickings(env, ids), true),
    action_assign: (env, ids) => (assignPickings(env, ids), true),
    button_validate: (env, ids) => validatePickings(env, ids),
    action_cancel: (env, ids) => (cancelPickings(env, ids), true),
    do_unreserve: (env, ids) => (unreservePickings(env, ids), true),
  },
};

const move: ModelDef = {
  name: 'stock.move',
  description: 'Stock Move',
  order: 'sequence, id',
  fields: {
    name: { type: 'char', string: 'Description' },
    sequence: { type: 'integer', string: 'Sequence', default: 10 },
    reference: {
      type: 'char',
      string: 'Reference',
      compute: (r, env) => {
        const p = m2o(r.picking_id);
        return p ? env.get('stock.picking', p).name : r.name;
      },
    },
    origin: { type: 'char', string: 'Source Document' },
    product_id: { type: 'many2one', string: 'Product', relation: 'product.product', required: true },
    product_uom_qty: { type: 'float', string: 'Demand', default: 0 },
    quantity: { type: 'float', string: 'Quantity', default: 0, help: 'Reserved or picked quantity.' },
    product_uom_id: { type: 'many2one', string: 'Unit', relation: 'uom.uom' },
    picked: { type: 'boolean', string: 'Picked', default: false },
    state: { type: 'selection', string: 'Status', selection: MOVE_STATES, default: 'draft', readonly: true },
    picking_id: { type: 'many2one', string: 'Transfer', relation: 'stock.picking' },
    picking_type_id: {
      type: 'many2one',
      string: 'Operation Type',
      relation: 'stock.picking.type',
      compute: (r, env) => {
        const p = m2o(r.picking_id);
        return p ? m2o(env.get('stock.picking', p).picking_type_id) : false;
      },
    },
    sale_line_id: { type: 'many2one', string: 'Sale Line', relation: 'sale.order.line' },
    partner_id: { type: 'many2one', string: 'Destination Address', relation: 'res.partner' },
    location_id: { type: 'many2one', string: 'Source Location', relation: 'stock.location', required: true },
    location_dest_id: {
      type: 'many2one',
      string: 'Destination Location',
      relation: 'stock.location',
      required: true,
    },
    date: { type: 'datetime', string: 'Date Scheduled', default: (env: Env) => env.now() },
    move_line_ids: {
      type: 'one2many',
      string: 'Operations',
      relation: 'stock.move.line',
      inverseName: 'move_id',
    },
  },
  afterWrite: (env, ids, vals) => {
    if ('quantity' in vals && !isInternal(env)) onMoveQuantityWritten(env, ids);
  },
};

/** What a move reserved or picked (Odoo 17+: `quantity` is reserved until `picked`, then done). */
const moveLine: ModelDef = {
  name: 'stock.move.line',
  description: 'Product Moves (Stock Move Line)',
  order: 'id',
  fields: {
    move_id: { type: 'many2one', string: 'Stock Operation', relation: 'stock.move', required: true },
    picking_id: { type: 'many2one', string: 'Transfer', relation: 'stock.picking' },
    product_id: { type: 'many2one', string: 'Product', relation: 'product.product' },
    product_uom_id: { type: 'many2one', string: 'Unit', relation: 'uom.uom' },
    location_id: { type: 'many2one', string: 'From', relation: 'stock.location' },
    location_dest_id: { type: 'many2one', string: 'To', relation: 'stock.location' },
    quantity: { type: 'float', string: 'Quantity', default: 0 },
    picked: { type: 'boolean', string: 'Picked', default: false },
    state: {
      type: 'selection',
      string: 'Status',
      selection: MOVE_STATES,
      compute: (r, env) => {
        const m = m2o(r.move_id);
        return m ? env.get('stock.move', m).state : false;
      },
    },
    date: { type: 'datetime', string: 'Date', default: (env: Env) => env.now() },
  },
};

export const models: ModelDef[] = [warehouse, location, pickingType, quant, picking, move, moveLine];
