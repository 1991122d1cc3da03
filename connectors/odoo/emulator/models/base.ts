/**
 * The base models every database has: users, companies, currencies, countries, units of measure and
 * product categories. Field names follow Odoo 19 (odoo/addons/base, addons/uom, addons/product): in 19
 * `uom.category` is gone and a unit points at its reference unit through `relative_uom_id`.
 */
import { ValidationError } from '../orm/exceptions.js';
import type { Env, ModelDef, StoredRecord } from '../orm/model-def.js';
import { resPartner } from './res-partner.js';

const resUsers: ModelDef = {
  name: 'res.users',
  description: 'User',
  order: 'name, login',
  fields: {
    name: { type: 'char', string: 'Name', required: true },
    login: { type: 'char', string: 'Login', required: true, help: 'Used to log into the system' },
    partner_id: { type: 'many2one', string: 'Related Partner', relation: 'res.partner' },
    company_id: { type: 'many2one', string: 'Company', relation: 'res.company' },
    email: { type: 'char', string: 'Email' },
    lang: { type: 'char', string: 'Language', default: 'en_US' },
    tz: { type: 'char', string: 'Timezone', default: 'Europe/Brussels' },
    active: { type: 'boolean', string: 'Active', default: true },
    share: { type: 'boolean', string: 'Share User', default: false },
  },
  /** Odoo creates the user's partner with the user (res.users `_inherits` res.partner). */
  afterCreate: (env, ids) => {
    for (const id of ids) {
      const user = env.get('res.users', id);
      if (user.partner_id === false || user.partner_id === undefined) {
        const partner = env.create('res.partner', { name: user.name, email: user.email || false });
        env.write('res.users', [id], { partner_id: partner });
      }
    }
  },
  constrain: (env, ids) => {
    for (const id of ids) {
      const login = env.get('res.users', id).login;
      const twins = env.withContext({ active_test: false }).search('res.users', [['login', '=', login]]);
      if (twins.length > 1) throw new ValidationError('You can not have two users with the same login!');
    }
  },
};

const resCompany: ModelDef = {
  name: 'res.company',
  description: 'Companies',
  order: 'sequence, name',
  fields: {
    name: { type: 'char', string: 'Company Name', required: true },
    sequence: { type: 'integer', string: 'Sequence', default: 10 },
    partner_id: { type: 'many2one', string: 'Partner', relation: 'res.partner' },
    currency_id: { type: 'many2one', string: 'Currency', relation: 'res.currency', required: true },
    country_id: { type: 'many2one', string: 'Country', relation: 'res.country' },
    active: { type: 'boolean', string: 'Active', default: true },
  },
};

const resCurrency: ModelDef = {
  name: 'res.currency',
  description: 'Currency',
  order: 'active desc, name',
  fields: {
    name: { type: 'char', string: 'Currency', required: true, help: 'Currency Code (ISO 4217)' },
    full_name: { type: 'char', string: 'Name' },
    symbol: { type: 'char', string: 'Symbol', required: true },
    rounding: { type: 'float', string: 'Rounding Factor', default: 0.01 },
    decimal_places: {
      type: 'integer',
      string: 'Decimal Places',
      readonly: true,
      compute: (r) => {
        const rounding = typeof r.rounding === 'number' ? r.rounding : 0.01;
        return rounding > 0 && rounding < 1 ? Math.ceil(Math.log10(1 / rounding)) : 0;
      },
    },
    position: {
      type: 'selection',
      string: 'Symbol Position',
      selection: [
        ['after', 'After Amount'],
        ['before', 'Before Amount'],
      ],
      default: 'after',
    },
    active: { type: 'boolean', string: 'Active', default: true },
  },
};

const resCountryState: ModelDef = {
  name: 'res.country.state',
  description: 'Country state',
  order: 'code, id',
  fields: {
    name: { type: 'char', string: 'State Name', required: true },
    code: { type: 'char', string: 'State Code', required: true },
    country_id: { type: 'many2one', string: 'Country', relation: 'res.country', required: true },
  },
};

/** The main company's currency: what prices, orders and invoices are in unless a pricelist says otherwise. */
export function companyCurrencyId(env: Env): number | false {
  const [company] = env.search('res.company', [], { limit: 1, order: 'id' });
  if (company === undefined) return false;
  const currency = env.get('res.company', company).currency_id;
  return typeof currency === 'number' ? currency : false;
}

const resCountry: ModelDef = {
  name: 'res.country',
  description: 'Country',
  order: 'name, id',
  fields: {
    name: { type: 'char', string: 'Country Name', required: true },
    code: { type: 'char', string: 'Country Code', help: 'ISO 3166-1 alpha-2' },
  },
};

/** `factor`: the product of `relative_factor` up the chain of reference units (uom_uom.py `_compute_factor`). */
function uomFactor(record: StoredRecord, env: Env): number {
  const own = typeof record.relative_factor === 'number' ? record.relative_factor : 1;
  const parent = record.relative_uom_id;
  return typeof parent === 'number' ? own * uomFactor(env.get('uom.uom', parent), env) : own;
}

const uomUom: ModelDef = {
  name: 'uom.uom',
  description: 'Product Unit of Measure',
  order: 'relative_uom_id, id',
  parentName: 'relative_uom_id',
  fields: {
    name: { type: 'char', string: 'Unit Name', required: true },
    relative_factor: { type: 'float', string: 'Contains', required: true, default: 1.0 },
    relative_uom_id: { type: 'many2one', string: 'Reference Unit', relation: 'uom.uom' },
    related_uom_ids: {
      type: 'one2many',
      string: 'Related UoMs',
      relation: 'uom.uom',
      inverseName: 'relative_uom_id',
    },
    factor: { type: 'float', string: 'Absolute Quantity', readonly: true, compute: uomFactor },
    rounding: { type: 'float', string: 'Rounding Precision', readonly: true, compute: () => 0.01 },
    active: { type: 'boolean', string: 'Active', default: true },
  },
  constrain: (env, ids) => {
    for (const id of ids) {
      if (env.get('uom.uom', id).relative_factor === 0)
        throw new ValidationError('The conversion ratio for a unit of measure cannot be 0!');
    }
  },
};

/** `complete_name`: `All / Saleable / Office` (product_category.py `_compute_complete_name`). */
function categoryName(record: StoredRecord, env: Env): string {
  const own = typeof record.name === 'string' ? record.name : '';
  const parent = record.parent_id;
  return typeof parent === 'number'
    ? `${categoryName(env.get('product.category', parent), env)} / ${own}`
    : own;
}

const productCategory: ModelDef = {
  name: 'product.category',
  description: 'Product Category',
  order: 'complete_name',
  displayName: categoryName,
  fields: {
    name: { type: 'char', string: 'Name', required: true },
    complete_name: { type: 'char', string: 'Complete Name', readonly: true, compute: categoryName },
    parent_id: { type: 'many2one', string: 'Parent Category', relation: 'product.category' },
    child_id: {
      type: 'one2many',
      string: 'Child Categories',
      relation: 'product.category',
      inverseName: 'parent_id',
    },
  },
};

export const models: ModelDef[] = [
  resPartner,
  resUsers,
  resCompany,
  resCurrency,
  resCountry,
  resCountryState,
  uomUom,
  productCategory,
];
