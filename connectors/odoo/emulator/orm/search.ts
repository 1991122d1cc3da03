import type { Domain, Env, SearchOptions, StoredRecord } from './model-def.js';
import { PyValueError } from './exceptions.js';
import { NEGATIONS, parseDomain, withActiveTest, type DomainNode } from './domain.js';
import type { Orm } from './orm.js';
import { sortIds } from './order.js';
import type { CompiledModel } from './registry.js';
import { isUnset, pyRepr } from './values.js';

type Term = Extract<DomainNode, { kind: 'term' }>;

/**
 * Evaluates domains record by record. Sub-results that do not depend on the record (the ids of an
 * `any` sub-domain, the closure of a `child_of`) are computed once per search and cached per term.
 */
class Evaluator {
  private readonly sets = new WeakMap<Term, Set<number>>();

  constructor(
    private readonly orm: Orm,
    private readonly env: Env,
  ) {}

  test(model: CompiledModel, node: DomainNode, row: StoredRecord): boolean {
    switch (node.kind) {
      case 'const':
        return node.value;
      case 'and':
        return node.children.every((child) => this.test(model, child, row));
      case 'or':
        return node.children.some((child) => this.test(model, child, row));
      case 'not':
        return !this.test(model, node.child, row);
      case 'term': {
        const positive = NEGATIONS[node.operator];
        if (positive) return !this.term(model, node, positive, row, 0);
        return this.term(model, node, node.operator, row, 0);
      }
    }
  }

  /** Follows the path from `row`; relational hops match when any reached record matches. */
  private term(
    model: CompiledModel,
    node: Term,
    operator: string,
    row: StoredRecord,
    depth: number,
  ): boolean {
    const name = node.path[depth]!;
    const field = model.fields[name]!;
    const value = name === 'id' ? row.id : this.orm.value(this.env, model, row, name);
    if (depth < node.path.length - 1) {
      const comodel = this.orm.model(field.relation!);
      const table = this.orm.store.table(comodel.name);
      const ids = Array.isArray(value) ? (value as number[]) : typeof value === 'number' ? [value] : [];
      return ids.some((id) => {
        const target = table.get(id);
        return target !== undefined && this.term(comodel, node, operator, target, depth + 1);
      });
    }
    if (
      field.type === 'many2one' ||
      field.type === 'one2many' ||
      field.type === 'many2many' ||
      name === 'id'
    ) {
      const ids = Array.isArray(value) ? (value as number[]) : typeof value === 'number' ? [value] : [];
      const relation = name === 'id' ? model.name : field.relation!;
      return this.relational(relation, node, operator, ids);
    }
    return compareScalar(value, operator, node.value);
  }

  private relational(relation: string, node: Term, operator: string, ids: number[]): boolean {
    const wanted = node.value;
    switch (operator) {
      case '=?':
        if (isUnset(wanted)) return true;
        return this.relational(relation, node, '=', ids);
      case '=':
      case 'in': {
        const values = operator === 'in' ? asList(wanted, node) : [wanted];
        if (values.some((v) => isUnset(v)) && ids.length === 0) return true;
        if (values.some((v) => typeof v === 'string')) {
          const names = new Set(values.filter((v): v is string => typeof v === 'string'));
          if (ids.some((id) => names.has(String(this.orm.displayNameOf(this.env, relation, id)))))
            return true;
        }
        return ids.some((id) => values.includes(id));
      }
      case 'like':
      case 'ilike':
      case '=like':
      case '=ilike':
        if (isUnset(wanted)) return ids.length === 0;
        return ids.some((id) =>
          compareScalar(this.orm.displayNameOf(this.env, relation, id), operator, wanted),
        );
      case 'child_of':
      case 'parent_of':
        return ids.some((id) => this.closure(relation, node, operator).has(id));
      case 'any':
        return ids.some((id) => this.subSearch(relation, node).has(id));
      default:
        return ids.some((id) => compareScalar(id, operator, wanted));
    }
  }

  private closure(relation: string, node: Term, operator: string): Set<number> {
    let set = this.sets.get(node);
    if (set) return set;
    const comodel = this.orm.model(relation);
    const table = this.orm.store.table(relation);
    const parent = comodel.parentName;
    set = new Set<number>();
    const roots = asList(node.value, node).filter((v): v is number => typeof v === 'number');
    const queue = [...roots];
    while (queue.length > 0) {
      const id = queue.pop()!;
      if (set.has(id) || !table.get(id)) continue;
      set.add(id);
      if (operator === 'parent_of') {
        const up = table.get(id)![parent];
        if (typeof up === 'number') queue.push(up);
      } else if (table.isIndexed(parent)) {
        queue.push(...table.lookup(parent, id));
      } else {
        for (const r of table.rows.values()) if (r[parent] === id) queue.push(r.id);
      }
    }
    this.sets.set(node, set);
    return set;
  }

  private subSearch(relation: string, node: Term): Set<number> {
    let set = this.sets.get(node);
    if (!set) {
      set = new Set(search(this.orm, this.env, relation, node.value as Domain, {}));
      this.sets.set(node, set);
    }
    return set;
  }
}

function asList(value: unknown, node: Term): unknown[] {
  if (Array.isArray(value)) return value;
  if (value === false || value === null || typeof value === 'number' || typeof value === 'string')
    return [value];
  throw new PyValueError(`Invalid leaf ${pyRepr(node.leaf)}`);
}

function likeRegExp(pattern: string, anchored: boolean, insensitive: boolean): RegExp {
  let source = '';
  for (const ch of pattern) {
    if (ch === '%') source += '.*';
    else if (ch === '_') source += '.';
    else source += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(anchored ? `^${source}$` : source, insensitive ? 'is' : 's');
}

const regexCache = new Map<string, RegExp>();

/** Compares a scalar stored value with a domain value the way PostgreSQL would under Odoo's SQL. */
export function compareScalar(value: unknown, operator: string, wanted: unknown): boolean {
  switch (operator) {
    case '=?':
      return isUnset(wanted) || compareScalar(value, '=', wanted);
    case '=':
      if (isUnset(wanted)) return isUnset(value) || value === '';
      return value === wanted;
    case 'in': {
      const list = Array.isArray(wanted) ? (wanted as unknown[]) : [wanted];
      return list.some((w) => compareScalar(value, '=', w));
    }
    case 'like':
    case 'ilike':
    case '=like':
    case '=ilike': {
      if (isUnset(wanted)) return isUnset(value);
      if (isUnset(value)) return false;
      const key = `${operator}\u0000${String(wanted)}`;
      let re = regexCache.get(key);
      if (!re) {
        const anchored = operator.startsWith('=');
        re = likeRegExp(String(wanted), anchored, operator.endsWith('ilike'));
        if (regexCache.size > 1000) regexCache.clear();
        regexCache.set(key, re);
      }
      return re.test(String(value));
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (isUnset(value) || isUnset(wanted)) return false;
      const a = value as number | string;
      const b = wanted as number | string;
      if (operator === '<') return a < b;
      if (operator === '<=') return a <= b;
      if (operator === '>') return a > b;
      return a >= b;
    }
    default:
      throw new PyValueError(`Invalid operator ${operator} for a non-relational field`);
  }
}

/** Field types whose unset value reads `false`, so an index of stored strings and numbers finds every match. */
const VALUE_INDEXED = new Set(['char', 'text', 'html', 'selection', 'date', 'datetime', 'many2one']);

/** The terms every match must satisfy: the term itself, or the terms under (nested) top-level ANDs. */
function conjuncts(node: DomainNode, out: DomainNode[] = []): DomainNode[] {
  if (node.kind === 'and') for (const child of node.children) conjuncts(child, out);
  else out.push(node);
  return out;
}

/**
 * Ids the domain can only come from: the smallest of what an `=`/`in` term among the top-level AND
 * terms allows, on `id`, on a many2one with ids, or on a stored char/selection/date field with
 * strings (through `Table.lookupValue`). A superset of the matches; each is still tested.
 */
function candidates(
  orm: Orm,
  env: Env,
  model: CompiledModel,
  node: DomainNode,
): Iterable<number> | undefined {
  const table = orm.store.table(model.name);
  let best: { size: number; sets: ReadonlySet<number>[] } | undefined;
  for (const term of conjuncts(node)) {
    if (term.kind !== 'term' || (term.operator !== '=' && term.operator !== 'in')) continue;
    if (term.path.length > 1) {
      const set = throughOne2many(orm, env, model, term);
      if (set && (!best || set.size < best.size)) best = { size: set.size, sets: [set] };
      continue;
    }
    const values = Array.isArray(term.value) ? (term.value as unknown[]) : [term.value];
    const name = term.path[0]!;
    if (name === 'id') {
      if (values.every((v) => typeof v === 'number')) return values;
      continue;
    }
    const field = model.fields[name];
    if (!field || field.compute || name === 'display_name' || !VALUE_INDEXED.has(field.type)) continue;
    const relational = field.type === 'many2one';
    if (!values.every((v) => typeof v === 'number' || (!relational && typeof v === 'string'))) continue;
    const sets = (values as (number | string)[]).map((v) =>
      relational && table.isIndexed(name) ? table.lookup(name, v as number) : table.lookupValue(name, v),
    );
    const size = sets.reduce((sum, set) => sum + set.size, 0);
    if (!best || size < best.size) best = { size, sets };
  }
  if (!best) return undefined;
  if (best.sets.length === 1) return best.sets[0]!;
  const ids = new Set<number>();
  for (const set of best.sets) for (const id of set) ids.add(id);
  return ids;
}

/**
 * Ids a path term starting with a one2many (`invoice_line_ids.sale_line_ids.order_id in [...]`) can
 * only come from: the parents (inverse many2one) of the children matching the rest of the path, found
 * by a search of their own, as Odoo's subquery does. Archived children count too: the set must hold
 * every id the term's own test may accept. Undefined for any other first hop.
 */
function throughOne2many(
  orm: Orm,
  env: Env,
  model: CompiledModel,
  term: Extract<DomainNode, { kind: 'term' }>,
): Set<number> | undefined {
  const field = model.fields[term.path[0]!];
  if (field?.type !== 'one2many' || !field.inverseName || field.compute) return undefined;
  const inverse = field.inverseName;
  const children = search(orm, env.withContext({ active_test: false }), field.relation!, [
    [term.path.slice(1).join('.'), term.operator, term.value],
  ]);
  const childTable = orm.store.table(field.relation!);
  const parents = new Set<number>();
  for (const id of children) {
    const parent = childTable.get(id)?.[inverse];
    if (typeof parent === 'number') parents.add(parent);
  }
  return parents;
}

/** Odoo's `_search`: matching ids in the requested order, then offset and limit. */
export function search(
  orm: Orm,
  env: Env,
  modelName: string,
  domain: Domain | null | undefined,
  options: SearchOptions = {},
): number[] {
  const model = orm.model(modelName);
  const node = withActiveTest(
    model,
    env,
    parseDomain(model, domain, (name) => orm.model(name)),
    domain,
  );
  const table = orm.store.table(modelName);
  const evaluator = new Evaluator(orm, env);
  const from = candidates(orm, env, model, node);
  const matched: number[] = [];
  const seen = new Set<number>();
  for (const source of from ?? table.rows.keys()) {
    if (from && seen.has(source)) continue;
    if (from) seen.add(source);
    const row = table.get(source);
    if (row && evaluator.test(model, node, row)) matched.push(source);
  }
  const sorted = sortIds(orm, env, model, matched, options.order ?? '');
  const offset = options.offset ?? 0;
  const limit = options.limit;
  // Odoo adds no LIMIT clause for a falsy limit, so 0 means "all", like null and false.
  return typeof limit === 'number' && limit > 0 ? sorted.slice(offset, offset + limit) : sorted.slice(offset);
}

/** `search_count`: matching records, without sorting. */
export function searchCount(
  orm: Orm,
  env: Env,
  modelName: string,
  domain: Domain | null | undefined,
  limit?: number | null,
): number {
  const model = orm.model(modelName);
  const node = withActiveTest(
    model,
    env,
    parseDomain(model, domain, (name) => orm.model(name)),
    domain,
  );
  const table = orm.store.table(modelName);
  const evaluator = new Evaluator(orm, env);
  let count = 0;
  for (const row of table.rows.values()) {
    if (evaluator.test(model, node, row)) count++;
    if (typeof limit === 'number' && limit > 0 && count >= limit) break;
  }
  return count;
}
