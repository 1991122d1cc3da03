import type { Env, StoredRecord } from './model-def.js';
import { MissingError, PyValueError } from './exceptions.js';
import type { CompiledModel, Registry } from './registry.js';
import type { Store } from './store.js';
import { emptyValue } from './values.js';
import { sortIds } from './order.js';

/** Told about every change, inside the transaction; the webhook engine listens. */
export interface OrmListener {
  created(env: Env, model: string, id: number): void;
  written(env: Env, model: string, ids: number[], fields: string[]): void;
  /** Called before the records disappear, so their values can still be read. */
  unlinking(env: Env, model: string, ids: number[]): void;
}

/** How many2one values read: `[id, display_name]` (Odoo's default) or the bare id (`load=None`). */
export type Load = 'classic' | 'none';

/**
 * The read side of the ORM over the store: record lookup, stored and computed values, display names,
 * and `read` in Odoo's wire format. Search lives in `search.ts`, writes in `writer.ts`.
 */
export class Orm {
  listener: OrmListener | undefined;

  constructor(
    readonly registry: Registry,
    readonly store: Store,
    readonly now: () => string,
  ) {}

  model(name: string): CompiledModel {
    const model = this.registry.find(name);
    if (!model) throw new PyValueError(`Model ${name} does not exist`);
    return model;
  }

  /** The stored row or a MissingError worded as Odoo's. */
  row(env: Env, model: string, id: number): StoredRecord {
    const row = this.store.table(model).get(id);
    if (!row) throw missing(env, model, [id]);
    return row;
  }

  exists(model: string, id: number): boolean {
    return this.store.table(model).get(id) !== undefined;
  }

  /** A field's value in stored form (many2one as bare id), computing what is computed. */
  value(env: Env, model: CompiledModel, row: StoredRecord, name: string): unknown {
    const field = model.fields[name];
    if (!field) throw new PyValueError(`Invalid field '${name}' on model '${model.name}'`);
    if (name === 'display_name') return this.displayName(env, model, row);
    if (field.compute) return field.compute(row, env);
    if (field.type === 'one2many') return this.one2many(env, model, row.id, name);
    if (field.type === 'many2many') {
      const ids = (row[name] as number[] | undefined) ?? [];
      const table = this.store.table(field.relation!);
      return ids.filter((id) => table.get(id) !== undefined);
    }
    const stored = row[name];
    return stored === undefined ? emptyValue(field) : stored;
  }

  /** Children of a one2many, through the inverse many2one's index, in the comodel's order. */
  one2many(env: Env, model: CompiledModel, id: number, name: string): number[] {
    const field = model.fields[name]!;
    const comodel = this.model(field.relation!);
    const table = this.store.table(comodel.name);
    const inverse = field.inverseName!;
    let ids: number[];
    if (table.isIndexed(inverse)) ids = [...table.lookup(inverse, id)];
    else ids = [...table.rows.values()].filter((r) => r[inverse] === id).map((r) => r.id);
    if (comodel.hasActive && env.context.active_test !== false)
      ids = ids.filter((i) => table.get(i)?.active !== false);
    return ids.length > 1 ? sortIds(this, env, comodel, ids, comodel.order) : ids;
  }

  displayName(env: Env, model: CompiledModel, row: StoredRecord): string | false {
    if (model.def.displayName) return model.def.displayName(row, env);
    if (model.recName === 'id') return `${model.name},${row.id}`;
    const value = this.value(env, model, row, model.recName);
    const field = model.fields[model.recName]!;
    if (field.type === 'many2one')
      return typeof value === 'number' ? this.displayNameOf(env, field.relation!, value) : false;
    if (typeof value === 'string') return value;
    return typeof value === 'number' ? String(value) : false;
  }

  displayNameOf(env: Env, modelName: string, id: number): string | false {
    const model = this.model(modelName);
    const row = this.store.table(modelName).get(id);
    return row ? this.displayName(env, model, row) : `${modelName},${id}`;
  }

  /** `read` as Odoo answers it: one object per id, `id` first, values in wire format. */
  read(env: Env, modelName: string, ids: number[], fields?: string[] | null, load: Load = 'classic') {
    const model = this.model(modelName);
    const names = fields && fields.length > 0 ? fields : Object.keys(model.fields);
    for (const name of names) {
      if (!model.fields[name]) throw new PyValueError(`Invalid field '${name}' on model '${model.name}'`);
    }
    const table = this.store.table(modelName);
    const gone = ids.filter((id) => !table.get(id));
    if (gone.length > 0) throw missing(env, modelName, gone);
    return ids.map((id) => {
      const row = table.get(id)!;
      const out: Record<string, unknown> = { id };
      for (const name of names) out[name] = this.wire(env, model, row, name, load);
      return out;
    });
  }

  /** One field's value as the wire shows it. */
  wire(env: Env, model: CompiledModel, row: StoredRecord, name: string, load: Load = 'classic'): unknown {
    const value = this.value(env, model, row, name);
    const field = model.fields[name]!;
    if (field.type === 'many2one' && load === 'classic') {
      return typeof value === 'number' ? [value, this.displayNameOf(env, field.relation!, value)] : false;
    }
    return value === undefined || value === null ? emptyValue(field) : value;
  }
}

/** Odoo's MissingError wording. */
export function missing(env: Env, model: string, ids: number[]): MissingError {
  return new MissingError(
    `Record does not exist or has been deleted.\n(Record: ${model}(${ids.join(', ')},), User: ${env.uid})`,
  );
}
