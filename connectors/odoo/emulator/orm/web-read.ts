/**
 * Odoo 17+'s specification reads, as odoo/orm/models.py (`web_read`, `web_search_read`,
 * `_format_web_search_read_results`) answers them: one call reads records and, nested, the records
 * their relational fields point to, each as the specification asks.
 *
 * A specification maps field names to what to read of them: `{}` reads the field as `read(load=None)`
 * does (a many2one as its bare id, an x2many as its ids); `{ fields: {...} }` on a relational field
 * reads the co-records with that specification instead (a many2one becomes `{id, ...}`, an x2many a
 * list of them); `display_name` in a many2one's `fields` adds the co-record's display name; an
 * x2many's `order` sorts and its `limit` caps the co-records read per record.
 */
import type { Domain } from './model-def.js';
import type { OrmEnv } from './env.js';
import { PyAttributeError } from './exceptions.js';
import { search, searchCount } from './search.js';

type Specification = Record<string, FieldSpecification>;

interface FieldSpecification {
  fields?: Specification;
  order?: string;
  limit?: number | null;
}

type Values = Record<string, unknown>;

/** Python's AttributeError for `.items()` on something that is not a dict, as Odoo raises it. */
function specificationOf(value: unknown): Specification {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new PyAttributeError(`'${pythonType(value)}' object has no attribute 'items'`);
  for (const [name, field] of Object.entries(value)) {
    if (typeof field !== 'object' || field === null || Array.isArray(field))
      throw new PyAttributeError(`'${pythonType(field)}' object has no attribute 'get' (field '${name}')`);
  }
  return value as Specification;
}

function pythonType(value: unknown): string {
  if (Array.isArray(value)) return 'list';
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'boolean') return 'bool';
  return 'dict';
}

/** `records.web_read(specification)`. */
export function webRead(env: OrmEnv, model: string, ids: number[], rawSpecification: unknown): Values[] {
  const specification = specificationOf(rawSpecification);
  const names = Object.keys(specification);
  // Reading ids only needs no read: Odoo builds the answers from the ids it has.
  if (names.length === 0 || (names.length === 1 && names[0] === 'id')) return ids.map((id) => ({ id }));
  const valuesList = env.orm.read(env, model, ids, names, 'none') as Values[];
  if (valuesList.length === 0) return valuesList;
  const fields = env.orm.model(model).fields;
  for (const [name, spec] of Object.entries(specification)) {
    const field = fields[name];
    if (!field?.relation) continue;
    if (field.type === 'many2one') readMany2one(env, field.relation, name, spec, valuesList);
    else if (field.type === 'one2many' || field.type === 'many2many')
      readX2many(env, field.relation, name, spec, valuesList);
  }
  return valuesList;
}

function readMany2one(
  env: OrmEnv,
  comodel: string,
  name: string,
  spec: FieldSpecification,
  valuesList: Values[],
): void {
  if (!spec.fields) return;
  const subSpecification = specificationOf(spec.fields);
  const coIds = [...new Set(valuesList.map((values) => values[name]).filter(isId))];
  const { display_name: withDisplayName, ...extra } = subSpecification;
  const byId = new Map(webRead(env, comodel, coIds, extra).map((values) => [values.id as number, values]));
  if (withDisplayName)
    for (const [id, values] of byId) values.display_name = env.orm.displayNameOf(env, comodel, id);
  for (const values of valuesList) {
    const id = values[name];
    if (isId(id)) values[name] = byId.get(id) ?? false;
  }
}

function readX2many(
  env: OrmEnv,
  comodel: string,
  name: string,
  spec: FieldSpecification,
  valuesList: Values[],
): void {
  if (Object.keys(spec).length === 0) return;
  if (spec.order) {
    const all = [...new Set(valuesList.flatMap((values) => values[name] as number[]))];
    const rank = new Map(
      search(env.orm, env, comodel, [['id', 'in', all]] as Domain, { order: spec.order }).map((id, index) => [
        id,
        index,
      ]),
    );
    for (const values of valuesList)
      values[name] = (values[name] as number[])
        .filter((id) => rank.has(id))
        .sort((a, b) => rank.get(a)! - rank.get(b)!);
  }
  if (!spec.fields) return;
  const limit = typeof spec.limit === 'number' ? spec.limit : undefined;
  const toRead = [...new Set(valuesList.flatMap((values) => (values[name] as number[]).slice(0, limit)))];
  const byId = new Map(
    webRead(env, comodel, toRead, spec.fields).map((values) => [values.id as number, values]),
  );
  for (const values of valuesList)
    values[name] = (values[name] as number[]).map((id) => byId.get(id) ?? { id });
}

const isId = (value: unknown): value is number => typeof value === 'number';

/** `model.web_search_read(domain, specification, offset, limit, order, count_limit)`. */
export function webSearchRead(
  env: OrmEnv,
  model: string,
  args: {
    domain: Domain;
    specification: unknown;
    offset: number;
    limit: number | null;
    order: string;
    countLimit: number | null;
  },
): { length: number; records: Values[] } {
  const { domain, offset, limit, order, countLimit } = args;
  const specification = specificationOf(args.specification);
  const ids = search(env.orm, env, model, domain, { offset, limit, order });
  const records = webRead(env, model, ids, specification);
  if (records.length === 0) return { length: 0, records: [] };
  const current = records.length + offset;
  const limitReached = records.length === limit;
  const countLimitReached = countLimit !== null && countLimit <= current;
  const length =
    limit !== null && ((limitReached && !countLimitReached) || env.context.force_search_count)
      ? searchCount(env.orm, env, model, domain, countLimit)
      : current;
  return { length, records };
}
