/**
 * res.partner as Odoo 19 defines it (odoo/addons/base/models/res_partner.py), with the fields the
 * account module adds (`customer_rank`, `supplier_rank`, `credit_limit`). `type` no longer has
 * `private` (removed in 17); `mobile` is left out (Odoo 18 moved it out of base).
 */
import { ValidationError } from '../orm/exceptions.js';
import type { Env, ModelDef, StoredRecord } from '../orm/model-def.js';

const TYPES = [
  ['contact', 'Contact'],
  ['invoice', 'Invoice Address'],
  ['delivery', 'Delivery Address'],
  ['other', 'Other Address'],
] as const;

/** `complete_name`: a person or address under a company reads `Company, Name` (res_partner.py `_compute_complete_name`). */
function completeName(record: StoredRecord, env: Env): string | false {
  const name = typeof record.name === 'string' && record.name ? record.name : false;
  const parentId = record.parent_id;
  if (typeof parentId !== 'number' || record.is_company === true) return name;
  const parent = env.get('res.partner', parentId);
  const parentName = completeName(parent, env);
  const own = name || TYPES.find(([key]) => key === record.type)?.[1] || '';
  return parentName ? `${parentName}, ${own}` : own;
}

/** The company a contact belongs to, or itself (`commercial_partner_id`). */
function commercialPartner(record: StoredRecord, env: Env): number {
  let current = record;
  while (current.is_company !== true && typeof current.parent_id === 'number')
    current = env.get('res.partner', current.parent_id);
  return current.id;
}

export const resPartner: ModelDef = {
  name: 'res.partner',
  description: 'Contact',
  order: 'complete_name, id desc',
  displayName: (record, env) => completeName(record, env) || '',
  fields: {
    name: { type: 'char', string: 'Name' },
    complete_name: {
      type: 'char',
      string: 'Complete Name',
      readonly: true,
      compute: (r, env) => completeName(r, env),
    },
    ref: { type: 'char', string: 'Reference' },
    email: { type: 'char', string: 'Email' },
    phone: { type: 'char', string: 'Phone' },
    website: { type: 'char', string: 'Website Link' },
    vat: { type: 'char', string: 'Tax ID' },
    is_company: { type: 'boolean', string: 'Is a Company', default: false },
    company_type: {
      type: 'selection',
      string: 'Company Type',
      selection: [
        ['person', 'Person'],
        ['company', 'Company'],
      ],
      readonly: true,
      compute: (r) => (r.is_company === true ? 'company' : 'person'),
    },
    parent_id: { type: 'many2one', string: 'Related Company', relation: 'res.partner' },
    child_ids: { type: 'one2many', string: 'Contact', relation: 'res.partner', inverseName: 'parent_id' },
    commercial_partner_id: {
      type: 'many2one',
      string: 'Commercial Entity',
      relation: 'res.partner',
      readonly: true,
      compute: commercialPartner,
    },
    type: { type: 'selection', string: 'Address Type', selection: TYPES, default: 'contact' },
    street: { type: 'char', string: 'Street' },
    street2: { type: 'char', string: 'Street2' },
    city: { type: 'char', string: 'City' },
    zip: { type: 'char', string: 'Zip' },
    state_id: { type: 'many2one', string: 'State', relation: 'res.country.state' },
    country_id: { type: 'many2one', string: 'Country', relation: 'res.country' },
    company_id: { type: 'many2one', string: 'Company', relation: 'res.company' },
    user_id: { type: 'many2one', string: 'Salesperson', relation: 'res.users' },
    customer_rank: { type: 'integer', string: 'Customer Rank', default: 0 },
    supplier_rank: { type: 'integer', string: 'Supplier Rank', default: 0 },
    credit_limit: { type: 'float', string: 'Credit Limit', default: 0 },
    active: { type: 'boolean', string: 'Active', default: true },
    comment: { type: 'html', string: 'Notes' },
  },
  /** Odoo's SQL constraint `check_name`: "Contacts require a name". */
  constrain: (env, ids) => {
    for (const id of ids) {
      const record = env.get('res.partner', id);
      if (
        record.type === 'contact' &&
        (record.name === false || record.name === undefined || record.name === '')
      ) {
        throw new ValidationError('Contacts require a name');
      }
    }
  },
};
