/** ~40 B2B customers (restaurants, hospitals, schools, facilities) with delivery and invoice addresses. */
import type { Env } from '../orm/model-def.js';

export interface Customer {
  id: number;
  warehouse: number;
  termIndex: number;
}

const PREFIXES = [
  'Harbor',
  'Summit',
  'Prairie',
  'Lakeside',
  'Union',
  'Cedar',
  'Riverside',
  'Metro',
  'Golden',
  'Northgate',
  'Pioneer',
  'Liberty',
  'Oakwood',
  'Bayview',
  'Granite',
  'Maple',
  'Evergreen',
  'Frontier',
  'Redwood',
  'Beacon',
];
const KINDS = [
  'Grill Group',
  'Hospital Dining',
  'School District',
  'Catering Co.',
  'Hotel & Suites',
  'Facility Services',
  'Food Hall',
  'Bakery',
  'Senior Living',
  'Stadium Concessions',
];
const CITIES: [string, string, number][] = [
  ['Chicago', '606', 0],
  ['Milwaukee', '532', 0],
  ['Indianapolis', '462', 0],
  ['Dallas', '752', 1],
  ['Houston', '770', 1],
  ['Austin', '787', 1],
  ['Newark', '071', 2],
  ['Philadelphia', '191', 2],
  ['New York', '100', 2],
];
const STREETS = [
  'Main St',
  'Commerce Dr',
  'Industrial Pkwy',
  'Market St',
  'Elm Ave',
  'Harbor Blvd',
  'Warehouse Rd',
];

export function createCustomers(env: Env, rnd: () => number, count: number): Customer[] {
  const [us] = env.search('res.country', [['code', '=', 'US']], { limit: 1 });
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const customers: Customer[] = [];
  for (let i = 0; i < count; i += 1) {
    const [city, zipPrefix, warehouse] = pick(CITIES);
    const base = `${PREFIXES[i % PREFIXES.length]!} ${KINDS[Math.floor(i / PREFIXES.length + i) % KINDS.length]!}`;
    const name = i < PREFIXES.length * KINDS.length ? base : `${base} ${Math.floor(i / 200) + 1}`;
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '');
    const address = {
      street: `${100 + Math.floor(rnd() * 9800)} ${pick(STREETS)}`,
      city,
      zip: `${zipPrefix}${String(Math.floor(rnd() * 100)).padStart(2, '0')}`,
      country_id: us ?? false,
    };
    const id = env.create('res.partner', {
      name,
      is_company: true,
      ref: `C${String(i + 1).padStart(5, '0')}`,
      email: `orders@${slug}.example.com`,
      phone: `+1 555 ${String(100 + (i % 900)).padStart(3, '0')} ${String(1000 + Math.floor(rnd() * 9000))}`,
      customer_rank: 1,
      credit_limit: Math.round(5 + rnd() * 45) * 1000,
      ...address,
    });
    env.create('res.partner', { name: 'Receiving Dock', parent_id: id, type: 'delivery', ...address });
    env.create('res.partner', {
      name: 'Accounts Payable',
      parent_id: id,
      type: 'invoice',
      email: `ap@${slug}.example.com`,
      ...address,
    });
    const r = rnd();
    customers.push({ id, warehouse, termIndex: r < 0.1 ? 0 : r < 0.3 ? 1 : r < 0.85 ? 2 : 3 });
  }
  return customers;
}
