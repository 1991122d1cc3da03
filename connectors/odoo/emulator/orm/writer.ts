import type { Env, FieldDef, StoredRecord } from './model-def.js';
import { PyValueError } from './exceptions.js';
import { applyX2many } from './commands.js';
import { missing, type Orm } from './orm.js';
import { MAGIC_FIELD_NAMES, type CompiledModel } from './registry.js';
import { defaultValue, foreignKeyViolation, isUnset, missingRequired, toStored } from './values.js';

interface SplitVals {
  scalars: Record<string, unknown>;
  relational: [string, FieldDef, unknown][];
}

/**
 * Sorts the client's values into stored scalars and x2many commands, refusing unknown fields and
 * dropping what Odoo ignores: the magic columns and computed fields without inverse.
 */
function split(orm: Orm, model: CompiledModel, vals: Record<string, unknown>): SplitVals {
  if (typeof vals !== 'object' || vals === null || Array.isArray(vals)) {
    throw new PyValueError(`Invalid values for ${model.name}: expected a dictionary`);
  }
  const scalars: Record<string, unknown> = {};
  const relational: [string, FieldDef, unknown][] = [];
  for (const [name, value] of Object.entries(vals)) {
    const field = model.fields[name];
    if (!field) throw new PyValueError(`Invalid field '${name}' on model '${model.name}'`);
    if (MAGIC_FIELD_NAMES.has(name) || field.compute) continue;
    if (field.type === 'one2many' || field.type === 'many2many') {
      relational.push([name, field, value]);
      continue;
    }
    const stored = toStored(model, name, field, value);
    if (field.type === 'many2one' && typeof stored === 'number' && !orm.exists(field.relation!, stored)) {
      throw foreignKeyViolation(model, name);
    }
    scalars[name] = stored;
  }
  return { scalars, relational };
}

function checkRequired(model: CompiledModel, row: StoredRecord, names: Iterable<string>): void {
  for (const name of names) {
    const field = model.fields[name]!;
    if (
      field.required &&
      !field.compute &&
      field.type !== 'one2many' &&
      field.type !== 'many2many' &&
      isUnset(row[name])
    ) {
      throw missingRequired(model, name);
    }
  }
}

/** `create` for one record: defaults, validation, x2many commands, hooks. */
export function createRecord(orm: Orm, env: Env, modelName: string, vals: Record<string, unknown>): number {
  const model = orm.model(modelName);
  return orm.store.transaction(() => {
    const withDefaults: Record<string, unknown> = { ...vals };
    for (const [name, field] of Object.entries(model.fields)) {
      if (name in withDefaults || field.default === undefined || field.compute) continue;
      withDefaults[name] = defaultValue(field, env, withDefaults);
    }
    const { scalars, relational } = split(orm, model, withDefaults);
    const table = orm.store.table(modelName);
    const id = orm.store.allocateId(table);
    const now = orm.now();
    const row: StoredRecord = {
      id,
      ...scalars,
      create_date: now,
      write_date: now,
      create_uid: env.uid,
      write_uid: env.uid,
    };
    checkRequired(model, row, Object.keys(model.fields));
    orm.store.put(table, id, row);
    for (const [name, field, value] of relational) applyX2many(orm, env, model, id, name, field, value);
    model.def.afterCreate?.(env, [id]);
    model.def.constrain?.(env, [id]);
    orm.listener?.created(env, modelName, id);
    return id;
  });
}

/** `write`: the same values on every record, `write_date` bumped even when nothing else changes. */
export function writeRecords(
  orm: Orm,
  env: Env,
  modelName: string,
  ids: number[],
  vals: Record<string, unknown>,
): void {
  const model = orm.model(modelName);
  orm.store.transaction(() => {
    const table = orm.store.table(modelName);
    const gone = ids.filter((id) => !table.get(id));
    if (gone.length > 0) throw missing(env, modelName, gone);
    const { scalars, relational } = split(orm, model, vals);
    const now = orm.now();
    for (const id of ids) {
      const row: StoredRecord = { ...table.get(id)!, ...scalars, write_date: now, write_uid: env.uid };
      checkRequired(model, row, Object.keys(scalars));
      orm.store.put(table, id, row);
      for (const [name, field, value] of relational) applyX2many(orm, env, model, id, name, field, value);
    }
    model.def.afterWrite?.(env, ids, vals);
    model.def.constrain?.(env, ids);
    orm.listener?.written(env, modelName, ids, Object.keys(vals));
  });
}

/**
 * `unlink`: ids already gone are skipped (Odoo's DELETE ignores them); one2many children follow
 * their parent when their inverse is required (Odoo's `ondelete='cascade'`), otherwise lose the link.
 */
export function unlinkRecords(orm: Orm, env: Env, modelName: string, ids: number[]): void {
  const model = orm.model(modelName);
  orm.store.transaction(() => {
    const table = orm.store.table(modelName);
    const present = ids.filter((id) => table.get(id));
    if (present.length === 0) return;
    orm.listener?.unlinking(env, modelName, present);
    for (const [name, field] of Object.entries(model.fields)) {
      if (field.type !== 'one2many' || !field.relation || !field.inverseName) continue;
      const comodel = orm.model(field.relation);
      const inverseRequired = comodel.fields[field.inverseName]?.required === true;
      const children = present.flatMap((id) =>
        orm.one2many(env.withContext({ active_test: false }), model, id, name),
      );
      if (children.length === 0) continue;
      if (inverseRequired) unlinkRecords(orm, env, comodel.name, children);
      else writeRecords(orm, env, comodel.name, children, { [field.inverseName]: false });
    }
    for (const id of present) if (table.get(id)) orm.store.put(table, id, undefined);
  });
}
