/**
 * The demo distributor's set-up: a US food-service and janitorial supplies wholesaler with three
 * warehouses, a 15% sales tax (simplified: one flat tax), payment terms, journals and ~120 products
 * with valid EAN-13 barcodes, created through the same model operations a client would use.
 */
import type { Env } from '../orm/model-def.js';

export interface Catalog {
  warehouses: { id: number; stockId: number; code: string }[];
  products: { id: number; uom: 'unit' | 'box' | 'kg'; storable: boolean }[];
  terms: { id: number; days: number }[];
}

/** The EAN-13 check digit of 12 digits (GS1: weights 1,3 from the left). */
export function ean13(twelve: string): string {
  const sum = [...twelve].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return `${twelve}${(10 - (sum % 10)) % 10}`;
}

const CATEGORIES: {
  name: string;
  code: string;
  uom: 'unit' | 'box' | 'kg';
  items: string[];
  kinds: string[];
  price: [number, number];
}[] = [
  {
    name: 'Disposables',
    code: 'DSP',
    uom: 'box',
    items: [
      'Foam Cup',
      'Paper Plate',
      'Clamshell Container',
      'Deli Container',
      'Napkin Pack',
      'Straw Pack',
      'Cutlery Kit',
      'Portion Cup',
    ],
    kinds: ['8 oz', '12 oz', '16 oz', 'Large', 'Compostable'],
    price: [9, 45],
  },
  {
    name: 'Janitorial',
    code: 'JAN',
    uom: 'unit',
    items: [
      'Trash Liner Roll',
      'Floor Cleaner',
      'Glass Cleaner',
      'Mop Head',
      'Microfiber Cloth',
      'Hand Soap Refill',
      'Paper Towel Case',
    ],
    kinds: ['Standard', 'Heavy Duty', 'Concentrate', 'Industrial'],
    price: [6, 80],
  },
  {
    name: 'Safety & PPE',
    code: 'PPE',
    uom: 'box',
    items: ['Nitrile Gloves', 'Vinyl Gloves', 'Hair Net', 'Face Mask', 'Shoe Cover', 'Apron'],
    kinds: ['Small', 'Medium', 'Large', 'X-Large'],
    price: [8, 38],
  },
  {
    name: 'Packaging',
    code: 'PKG',
    uom: 'unit',
    items: ['Shipping Box', 'Stretch Film', 'Packing Tape', 'Bubble Roll', 'Pallet Wrap'],
    kinds: ['Small', 'Medium', 'Large', 'Bulk'],
    price: [3, 60],
  },
  {
    name: 'Ingredients',
    code: 'ING',
    uom: 'kg',
    items: ['Frying Oil', 'Cane Sugar', 'All-Purpose Flour', 'Sea Salt', 'Basmati Rice'],
    kinds: ['Bulk', 'Premium'],
    price: [2, 12],
  },
];

function setUpCompany(env: Env): void {
  const [usd] = env.search('res.currency', [['name', '=', 'USD']], { limit: 1 });
  const [us] = env.search('res.country', [['code', '=', 'US']], { limit: 1 });
  const [company] = env.search('res.company', [], { limit: 1, order: 'id' });
  if (company !== undefined && usd !== undefined) {
    env.write('res.company', [company], {
      name: 'Lakeshore Supply Co.',
      currency_id: usd,
      country_id: us ?? false,
    });
    const partner = env.get('res.company', company).partner_id;
    if (typeof partner === 'number')
      env.write('res.partner', [partner], { name: 'Lakeshore Supply Co.', city: 'Chicago' });
  }
  env.create('account.tax', {
    name: 'Sales Tax 15%',
    description: '15%',
    amount: 15,
    amount_type: 'percent',
    type_tax_use: 'sale',
  });
  env.create('account.journal', { name: 'Customer Invoices', code: 'INV', type: 'sale', sequence: 5 });
  env.create('account.journal', { name: 'Bank', code: 'BNK1', type: 'bank', sequence: 10 });
  env.create('account.journal', { name: 'Cash', code: 'CSH1', type: 'cash', sequence: 11 });
}

function setUpTerms(env: Env): Catalog['terms'] {
  return [
    ['Immediate Payment', 0],
    ['15 Days', 15],
    ['30 Days', 30],
    ['45 Days', 45],
  ].map(([name, days]) => ({
    days: days as number,
    id: env.create('account.payment.term', {
      name,
      line_ids: [[0, 0, { value: 'percent', value_amount: 100, nb_days: days, delay_type: 'days_after' }]],
    }),
  }));
}

export function setUpCatalog(env: Env, rnd: () => number): Catalog {
  setUpCompany(env);
  const terms = setUpTerms(env);
  const warehouses = [
    ['Chicago Distribution Center', 'CHI'],
    ['Dallas Distribution Center', 'DAL'],
    ['Newark Distribution Center', 'NWK'],
  ].map(([name, code], i) => {
    const id = env.create('stock.warehouse', { name, code, sequence: i + 1 });
    return { id, code: code!, stockId: env.get('stock.warehouse', id).lot_stock_id as number };
  });
  const [units] = env.search('uom.uom', [['name', '=', 'Units']], { limit: 1 });
  const [kg] = env.search('uom.uom', [['name', '=', 'kg']], { limit: 1 });
  const box = env.create('uom.uom', {
    name: 'Box of 12',
    relative_factor: 12,
    relative_uom_id: units ?? false,
  });
  const uomIds = { unit: units ?? false, box, kg: kg ?? false };
  const [all] = env.search('product.category', [['name', '=', 'All']], { limit: 1 });
  const saleable = env.create('product.category', { name: 'Saleable', parent_id: all ?? false });
  const products: Catalog['products'] = [];
  let serial = 0;
  for (const cat of CATEGORIES) {
    const categId = env.create('product.category', { name: cat.name, parent_id: saleable });
    for (const item of cat.items) {
      for (const kind of cat.kinds) {
        if (products.length >= 118) break;
        serial += 1;
        const price = Math.round((cat.price[0] + rnd() * (cat.price[1] - cat.price[0])) * 100) / 100;
        const id = env.create('product.product', {
          name: `${item} ${kind}`,
          default_code: `${cat.code}-${String(1000 + serial)}`,
          barcode: ean13(`0812345${String(serial).padStart(5, '0')}`),
          list_price: price,
          standard_price: Math.round(price * (0.55 + rnd() * 0.2) * 100) / 100,
          uom_id: uomIds[cat.uom],
          categ_id: categId,
          type: 'consu',
          is_storable: true,
          invoice_policy: 'delivery',
          weight: Math.round((0.2 + rnd() * 12) * 100) / 100,
          description_sale: `${item}, ${kind.toLowerCase()}. Sold by ${cat.uom === 'box' ? 'the box of 12' : cat.uom === 'kg' ? 'the kilogram' : 'the unit'}.`,
        });
        products.push({ id, uom: cat.uom, storable: true });
      }
    }
  }
  const services = env.create('product.category', { name: 'Services', parent_id: all ?? false });
  for (const [name, code, price] of [
    ['Freight Charge', 'SRV-FREIGHT', 45],
    ['Pallet Fee', 'SRV-PALLET', 18],
  ] as const) {
    const id = env.create('product.product', {
      name,
      default_code: code,
      list_price: price,
      standard_price: 0,
      uom_id: units ?? false,
      categ_id: services,
      type: 'service',
      invoice_policy: 'order',
    });
    products.push({ id, uom: 'unit', storable: false });
  }
  return { warehouses, products, terms };
}
