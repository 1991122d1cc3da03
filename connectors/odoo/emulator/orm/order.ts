import type { Env } from './model-def.js';
import { PyValueError } from './exceptions.js';
import type { Orm } from './orm.js';
import type { CompiledModel } from './registry.js';

export interface OrderTerm {
  field: string;
  desc: boolean;
  /** PostgreSQL's default: NULLS LAST ascending, NULLS FIRST descending. */
  nullsFirst: boolean;
}

const TERM = /^\s*"?([a-z0-9_]+)"?(?:\s+(asc|desc))?(?:\s+nulls\s+(first|last))?\s*$/i;

/** Parsed specifications per model; clients send the same few, so each is parsed once. */
const parsed = new WeakMap<CompiledModel, Map<string, readonly OrderTerm[]>>();
const MAX_PARSED = 200;

/** {@link parseOrder}, remembered per model and specification (a refused one is not remembered). */
export function orderTerms(model: CompiledModel, order: string): readonly OrderTerm[] {
  let byText = parsed.get(model);
  if (!byText) parsed.set(model, (byText = new Map<string, readonly OrderTerm[]>()));
  let terms = byText.get(order);
  if (!terms) {
    terms = parseOrder(model, order);
    if (byText.size >= MAX_PARSED) byText.clear();
    byText.set(order, terms);
  }
  return terms;
}

/** Parses an `order` specification (`"name desc, id"`) and checks each field as Odoo does. */
export function parseOrder(model: CompiledModel, order: string): OrderTerm[] {
  const terms: OrderTerm[] = [];
  for (const part of order.split(',')) {
    if (part.trim() === '') continue;
    const m = TERM.exec(part);
    const field = m?.[1];
    const def = field ? model.fields[field] : undefined;
    if (!m || !field || !def || def.type === 'one2many' || def.type === 'many2many') {
      throw new PyValueError(
        `Invalid "order" specified (${order}). A valid "order" specification is a comma-separated list of ` +
          'valid field names (optionally followed by asc/desc for the direction)',
      );
    }
    const desc = m[2]?.toLowerCase() === 'desc';
    const nulls = m[3]?.toLowerCase();
    terms.push({ field, desc, nullsFirst: nulls ? nulls === 'first' : desc });
  }
  return terms;
}

const collator = new Intl.Collator('en', { sensitivity: 'variant', numeric: false });

type Key = string | number | boolean | null;

function compareKeys(a: Key, b: Key, term: OrderTerm): number {
  if (a === b) return 0;
  if (a === null) return term.nullsFirst ? -1 : 1;
  if (b === null) return term.nullsFirst ? 1 : -1;
  let c: number;
  if (typeof a === 'string' && typeof b === 'string') c = collator.compare(a, b);
  else c = a < b ? -1 : a > b ? 1 : 0;
  return term.desc ? -c : c;
}

/**
 * Sorts ids by an order specification (many2one fields by the target's display name), with `id`
 * ascending as the final tie-breaker so pages are stable. Keys are computed once per record.
 */
export function sortIds(orm: Orm, env: Env, model: CompiledModel, ids: number[], order: string): number[] {
  const terms = orderTerms(model, order || model.order);
  if (terms.length === 1 && terms[0]!.field === 'id') {
    // The common `order: 'id'` of cursor pagination needs no key extraction.
    return ids.sort(terms[0]!.desc ? (a, b) => b - a : (a, b) => a - b);
  }
  const table = orm.store.table(model.name);
  const decorated = ids.map((id) => {
    const row = table.get(id)!;
    const keys: Key[] = terms.map(({ field }) => {
      const def = model.fields[field]!;
      const value = field === 'id' ? id : orm.value(env, model, row, field);
      if (def.type === 'many2one')
        return typeof value === 'number' ? orm.displayNameOf(env, def.relation!, value) || null : null;
      if (value === false && def.type !== 'boolean') return null;
      return value as Key;
    });
    return { id, keys };
  });
  decorated.sort((x, y) => {
    for (let i = 0; i < terms.length; i++) {
      const c = compareKeys(x.keys[i]!, y.keys[i]!, terms[i]!);
      if (c !== 0) return c;
    }
    return x.id - y.id;
  });
  return decorated.map((d) => d.id);
}
