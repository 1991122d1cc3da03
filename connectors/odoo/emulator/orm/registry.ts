import type { FieldDef, ModelDef } from './model-def.js';

/** The fields every Odoo model has (`LOG_ACCESS_COLUMNS` plus `id` and `display_name`). */
const MAGIC_FIELDS: Record<string, FieldDef> = {
  id: { type: 'integer', string: 'ID', readonly: true },
  display_name: { type: 'char', string: 'Display Name', readonly: true },
  create_date: { type: 'datetime', string: 'Created on', readonly: true },
  create_uid: { type: 'many2one', string: 'Created by', relation: 'res.users', readonly: true },
  write_date: { type: 'datetime', string: 'Last Updated on', readonly: true },
  write_uid: { type: 'many2one', string: 'Last Updated by', relation: 'res.users', readonly: true },
};

/** The fields the ORM itself maintains: a client's value for them is dropped. */
export const MAGIC_FIELD_NAMES: ReadonlySet<string> = new Set(Object.keys(MAGIC_FIELDS));

/** A model ready for the ORM: its declaration plus the magic fields and derived lookups. */
export interface CompiledModel {
  readonly name: string;
  readonly def: ModelDef;
  readonly fields: Readonly<Record<string, FieldDef>>;
  readonly recName: string;
  readonly order: string;
  readonly parentName: string;
  readonly hasActive: boolean;
  /** Many2one fields worth an index: inverses of one2many fields and the parent field. */
  readonly indexedFields: ReadonlySet<string>;
}

/** All models by name; a name not here is a model the emulated Odoo does not have. */
export class Registry {
  private readonly models = new Map<string, CompiledModel>();

  constructor(defs: readonly ModelDef[]) {
    const indexed = new Map<string, Set<string>>();
    const indexOn = (model: string, field: string): void => {
      const set = indexed.get(model) ?? new Set<string>();
      set.add(field);
      indexed.set(model, set);
    };
    for (const def of defs) {
      for (const field of Object.values(def.fields)) {
        if (field.type === 'one2many' && field.relation && field.inverseName)
          indexOn(field.relation, field.inverseName);
      }
      const parent = def.parentName ?? 'parent_id';
      if (def.fields[parent]?.type === 'many2one') indexOn(def.name, parent);
    }
    for (const def of defs) {
      const fields = { ...MAGIC_FIELDS, ...def.fields };
      this.models.set(def.name, {
        name: def.name,
        def,
        fields,
        recName: def.recName ?? (fields.name ? 'name' : 'id'),
        order: def.order ?? 'id',
        parentName: def.parentName ?? 'parent_id',
        hasActive: fields.active?.type === 'boolean',
        indexedFields: indexed.get(def.name) ?? new Set(),
      });
    }
  }

  has(name: string): boolean {
    return this.models.has(name);
  }

  /** The compiled model, or undefined when unknown (callers choose the Odoo error to raise). */
  find(name: string): CompiledModel | undefined {
    return this.models.get(name);
  }

  get(name: string): CompiledModel {
    const model = this.models.get(name);
    if (!model) throw new Error(`unknown model ${name}`);
    return model;
  }

  names(): string[] {
    return [...this.models.keys()];
  }
}
