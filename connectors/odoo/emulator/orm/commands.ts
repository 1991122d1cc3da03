import type { Env, FieldDef } from './model-def.js';
import { PyValueError } from './exceptions.js';
import type { Orm } from './orm.js';
import type { CompiledModel } from './registry.js';
import { pyRepr } from './values.js';
import { createRecord, unlinkRecords, writeRecords } from './writer.js';

/** Odoo's `Command` codes for x2many fields. */
const CREATE = 0;
const UPDATE = 1;
const DELETE = 2;
const UNLINK = 3;
const LINK = 4;
const CLEAR = 5;
const SET = 6;

type Command = [number, number, unknown];

/** Normalises what a client may send for an x2many: commands, a bare list of ids (= SET), or false (= CLEAR). */
function commands(model: CompiledModel, name: string, value: unknown): Command[] {
  if (value === false || value === null || value === undefined) return [[CLEAR, 0, 0]];
  if (!Array.isArray(value))
    throw new PyValueError(`Wrong value for ${model.name}.${name}: ${pyRepr(value)}`);
  if (value.every((v) => typeof v === 'number')) return [[SET, 0, value]];
  return value.map((item: unknown) => {
    if (!Array.isArray(item) || typeof item[0] !== 'number' || item[0] < 0 || item[0] > 6) {
      throw new PyValueError(`Wrong value for ${model.name}.${name}: ${pyRepr(value)}`);
    }
    const [code, id, vals] = item as [number, unknown, unknown];
    if ((code === UPDATE || code === DELETE || code === UNLINK || code === LINK) && typeof id !== 'number') {
      throw new PyValueError(`Wrong value for ${model.name}.${name}: ${pyRepr(item)}`);
    }
    if (
      (code === CREATE || code === UPDATE) &&
      (typeof vals !== 'object' || vals === null || Array.isArray(vals))
    ) {
      throw new PyValueError(`Wrong value for ${model.name}.${name}: ${pyRepr(item)}`);
    }
    if (code === SET && !(Array.isArray(vals) && vals.every((v) => typeof v === 'number'))) {
      throw new PyValueError(`Wrong value for ${model.name}.${name}: ${pyRepr(item)}`);
    }
    return [code, typeof id === 'number' ? id : 0, vals] as Command;
  });
}

/** Applies x2many commands to one record: one2many through the comodel's inverse, many2many on the row. */
export function applyX2many(
  orm: Orm,
  env: Env,
  model: CompiledModel,
  id: number,
  name: string,
  field: FieldDef,
  value: unknown,
): void {
  const comodel = field.relation!;
  const cmds = commands(model, name, value);
  if (field.type === 'one2many') {
    const inverse = field.inverseName!;
    const required = orm.model(comodel).fields[inverse]?.required === true;
    const detach = (childIds: number[]): void => {
      if (childIds.length === 0) return;
      if (required) unlinkRecords(orm, env, comodel, childIds);
      else writeRecords(orm, env, comodel, childIds, { [inverse]: false });
    };
    const current = (): number[] => orm.one2many(env.withContext({ active_test: false }), model, id, name);
    for (const [code, childId, vals] of cmds) {
      if (code === CREATE)
        createRecord(orm, env, comodel, { ...(vals as Record<string, unknown>), [inverse]: id });
      else if (code === UPDATE) writeRecords(orm, env, comodel, [childId], vals as Record<string, unknown>);
      else if (code === DELETE) unlinkRecords(orm, env, comodel, [childId]);
      else if (code === UNLINK) detach([childId]);
      else if (code === LINK) writeRecords(orm, env, comodel, [childId], { [inverse]: id });
      else if (code === CLEAR) detach(current());
      else {
        const wanted = vals as number[];
        detach(current().filter((c) => !wanted.includes(c)));
        const have = new Set(current());
        const add = wanted.filter((c) => !have.has(c));
        if (add.length > 0) writeRecords(orm, env, comodel, add, { [inverse]: id });
      }
    }
    return;
  }
  const table = orm.store.table(model.name);
  let ids = [...((table.get(id)![name] as number[] | undefined) ?? [])];
  const check = (targets: number[]): void => {
    for (const target of targets)
      if (!orm.exists(comodel, target))
        throw new PyValueError(`Record ${comodel}(${target},) does not exist`);
  };
  for (const [code, targetId, vals] of cmds) {
    if (code === CREATE) ids.push(createRecord(orm, env, comodel, vals as Record<string, unknown>));
    else if (code === UPDATE) writeRecords(orm, env, comodel, [targetId], vals as Record<string, unknown>);
    else if (code === DELETE) {
      unlinkRecords(orm, env, comodel, [targetId]);
      ids = ids.filter((i) => i !== targetId);
    } else if (code === UNLINK) ids = ids.filter((i) => i !== targetId);
    else if (code === LINK) {
      check([targetId]);
      if (!ids.includes(targetId)) ids.push(targetId);
    } else if (code === CLEAR) ids = [];
    else {
      check(vals as number[]);
      ids = [...new Set(vals as number[])];
    }
  }
  orm.store.put(table, id, { ...table.get(id)!, [name]: ids });
}
