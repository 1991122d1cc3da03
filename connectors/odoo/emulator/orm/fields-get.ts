import type { FieldDef } from './model-def.js';
import type { CompiledModel } from './registry.js';

/** One field described as Odoo's `Field.get_description` does (the attributes a client looks at). */
function describe(model: CompiledModel, name: string, field: FieldDef): Record<string, unknown> {
  const stored = !field.compute && name !== 'display_name';
  const out: Record<string, unknown> = {
    type: field.type,
    string: field.string,
    name,
    help: field.help,
    required: field.required === true,
    readonly: field.readonly === true || field.compute !== undefined || name === 'display_name',
    store: stored,
    searchable: true,
    sortable: stored && field.type !== 'one2many' && field.type !== 'many2many',
    groupable: stored && field.type !== 'one2many' && field.type !== 'text' && field.type !== 'html',
    manual: false,
    company_dependent: false,
    change_default: false,
    depends: [],
    exportable: true,
    translate: false,
  };
  if (out.help === undefined) delete out.help;
  if (field.relation) {
    out.relation = field.relation;
    out.context = {};
    out.domain = [];
  }
  if (field.type === 'one2many') out.relation_field = field.inverseName;
  if (field.type === 'selection') out.selection = (field.selection ?? []).map(([key, label]) => [key, label]);
  if (field.type === 'monetary') out.currency_field = field.currencyField ?? 'currency_id';
  if (field.type === 'char') out.size = undefined;
  if (out.size === undefined) delete out.size;
  if (field.type === 'float' || field.type === 'monetary') out.aggregator = 'sum';
  return out;
}

/** `fields_get(allfields, attributes)`: every field (or those asked), each with every attribute (or those asked). */
export function fieldsGet(
  model: CompiledModel,
  allfields?: unknown,
  attributes?: unknown,
): Record<string, Record<string, unknown>> {
  const names =
    Array.isArray(allfields) && allfields.length > 0 ? (allfields as string[]) : Object.keys(model.fields);
  const wanted =
    Array.isArray(attributes) && attributes.length > 0 ? new Set(attributes as string[]) : undefined;
  const result: Record<string, Record<string, unknown>> = {};
  for (const name of names) {
    const field = model.fields[name];
    if (!field) continue; // Odoo silently skips unknown names in allfields
    const full = describe(model, name, field);
    result[name] = wanted
      ? Object.fromEntries(Object.entries(full).filter(([key]) => wanted.has(key)))
      : full;
  }
  return result;
}
