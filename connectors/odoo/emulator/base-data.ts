import type { Env } from './orm/model-def.js';

/** Who the integration bot is; its API key lives in the emulator, not in a model. */
export interface BaseDataOptions {
  botLogin: string;
  botName: string;
}

/** Ids of the records every fresh database has, for seeders and tests that need them. */
export interface BaseData {
  companyId: number;
  currencyIds: Record<'EUR' | 'USD', number>;
  countryIds: Record<string, number>;
  adminUid: number;
  botUid: number;
  unitUomId: number;
  allCategoryId: number;
}

const COUNTRIES: [string, string][] = [
  ['BE', 'Belgium'],
  ['DE', 'Germany'],
  ['FR', 'France'],
  ['GB', 'United Kingdom'],
  ['NL', 'Netherlands'],
  ['US', 'United States'],
];

/**
 * What `odoo -i base,uom,product` leaves in a new database, reduced to what the distributor's models
 * need: a company in EUR, the superuser (uid 1, archived as in Odoo), the admin (uid 2) and the
 * integration bot (uid 3), the unit of measure "Units" and the product category "All".
 */
export function seedBaseData(env: Env, options: BaseDataOptions): BaseData {
  const eur = env.create('res.currency', { name: 'EUR', full_name: 'Euro', symbol: '€', rounding: 0.01 });
  const usd = env.create('res.currency', {
    name: 'USD',
    full_name: 'United States dollar',
    symbol: '$',
    position: 'before',
  });
  const countryIds: Record<string, number> = {};
  for (const [code, name] of COUNTRIES) countryIds[code] = env.create('res.country', { name, code });
  const companyPartner = env.create('res.partner', {
    name: 'My Company',
    is_company: true,
    country_id: countryIds.BE,
  });
  const companyId = env.create('res.company', {
    name: 'My Company',
    currency_id: eur,
    partner_id: companyPartner,
    country_id: countryIds.BE,
  });
  env.write('res.partner', [companyPartner], { company_id: companyId });
  const root = env.create('res.users', {
    name: 'OdooBot',
    login: '__system__',
    company_id: companyId,
    active: false,
  });
  const adminUid = env.create('res.users', {
    name: 'Mitchell Admin',
    login: 'admin',
    email: 'admin@example.com',
    company_id: companyId,
  });
  const botUid = env.create('res.users', {
    name: options.botName,
    login: options.botLogin,
    company_id: companyId,
    share: false,
  });
  const unitUomId = env.create('uom.uom', { name: 'Units' });
  env.create('uom.uom', { name: 'Dozens', relative_factor: 12, relative_uom_id: unitUomId });
  const kg = env.create('uom.uom', { name: 'kg' });
  env.create('uom.uom', { name: 'g', relative_factor: 0.001, relative_uom_id: kg });
  const allCategoryId = env.create('product.category', { name: 'All' });
  void root;
  return {
    companyId,
    currencyIds: { EUR: eur, USD: usd },
    countryIds,
    adminUid,
    botUid,
    unitUomId,
    allCategoryId,
  };
}
