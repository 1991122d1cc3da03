/**
 * Which locations a stock figure or a reservation looks at. Odoo scopes product quantities by the context
 * keys `location` and `warehouse` (stock/models/product.py `_get_domain_locations`): a location means it
 * and its children; a warehouse means its view location and everything below it; neither means every
 * internal location. Values may be an id, a list of ids or a name, as in Odoo.
 */
import type { Env } from '../orm/model-def.js';
import { m2o, str } from './values.js';

interface LocationTree {
  usage: Map<number, string>;
  childrenOf: Map<number, number[]>;
}

function tree(env: Env): LocationTree {
  const usage = new Map<number, string>();
  const childrenOf = new Map<number, number[]>();
  for (const id of env.search('stock.location', [], { order: 'id' })) {
    const loc = env.get('stock.location', id);
    usage.set(id, str(loc.usage));
    const parent = m2o(loc.location_id);
    if (parent) childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), id]);
  }
  return { usage, childrenOf };
}

function descendants(t: LocationTree, roots: number[]): Set<number> {
  const out = new Set<number>();
  const todo = [...roots];
  while (todo.length > 0) {
    const id = todo.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    todo.push(...(t.childrenOf.get(id) ?? []));
  }
  return out;
}

function resolveIds(env: Env, model: string, value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.filter((v): v is number => typeof v === 'number');
  if (typeof value === 'string' && value) {
    const field = model === 'stock.location' ? 'complete_name' : 'name';
    return env.search(model, [[field, 'ilike', value]]);
  }
  return [];
}

/** The internal locations the context selects. */
export function contextLocations(env: Env): Set<number> {
  const t = tree(env);
  const ctx = env.context;
  let roots: number[] | null = null;
  if (ctx.location !== undefined && ctx.location !== false) {
    roots = resolveIds(env, 'stock.location', ctx.location);
  } else if (ctx.warehouse !== undefined && ctx.warehouse !== false) {
    roots = resolveIds(env, 'stock.warehouse', ctx.warehouse).map((wh) => {
      const rec = env.get('stock.warehouse', wh);
      return m2o(rec.view_location_id) || m2o(rec.lot_stock_id) || 0;
    });
  }
  const scope = roots === null ? new Set(t.usage.keys()) : descendants(t, roots);
  return new Set([...scope].filter((id) => t.usage.get(id) === 'internal'));
}

/** A location and its children (where a reservation may take stock from). */
export function locationAndChildren(env: Env, root: number): Set<number> {
  const t = tree(env);
  return new Set([...descendants(t, [root])].filter((id) => t.usage.get(id) === 'internal'));
}

/** The location of a given usage (customer, supplier, inventory), created on first use like Odoo's data. */
export function virtualLocation(env: Env, usage: 'customer' | 'supplier' | 'inventory'): number {
  const [found] = env.search('stock.location', [['usage', '=', usage]], { limit: 1, order: 'id' });
  if (found !== undefined) return found;
  const names = { customer: 'Customers', supplier: 'Vendors', inventory: 'Inventory adjustment' };
  const parentName = usage === 'inventory' ? 'Virtual Locations' : 'Partners';
  let [parent] = env.search(
    'stock.location',
    [
      ['name', '=', parentName],
      ['usage', '=', 'view'],
    ],
    { limit: 1 },
  );
  if (parent === undefined) parent = env.create('stock.location', { name: parentName, usage: 'view' });
  return env.create('stock.location', { name: names[usage], usage, location_id: parent });
}
