import { PyValueError, ValidationError } from './exceptions.js';
import type { Env, FieldDef } from './model-def.js';
import type { CompiledModel } from './registry.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2})(?::(\d{2}))?(?:\.\d+)?)?$/;

/** The value a field holds when nothing was set, as Odoo reads it (numbers read 0, the rest `false`). */
export function emptyValue(field: FieldDef): unknown {
  switch (field.type) {
    case 'integer':
    case 'float':
    case 'monetary':
      return 0;
    case 'one2many':
    case 'many2many':
      return [];
    default:
      return false;
  }
}

/** Odoo's NOT NULL: `false`/`null` is unset; `0` and `''` are values. */
export function isUnset(value: unknown): boolean {
  return value === false || value === null || value === undefined;
}

function wrongValue(model: CompiledModel, name: string, value: unknown): PyValueError {
  return new PyValueError(`Wrong value for ${model.name}.${name}: ${pyRepr(value)}`);
}

/**
 * Converts a value a client sent for a scalar or many2one field into its stored form, refusing what
 * Odoo's `convert_to_cache` refuses (with the same Python exception: a ValueError).
 */
export function toStored(model: CompiledModel, name: string, field: FieldDef, value: unknown): unknown {
  if (value === null || value === undefined) return field.type === 'boolean' ? false : emptyValue(field);
  switch (field.type) {
    case 'char':
    case 'text':
    case 'html':
      if (value === false) return false;
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      throw wrongValue(model, name, value);
    case 'integer': {
      if (value === false) return 0;
      const n = typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value) ? Number(value) : value;
      if (typeof n === 'number' && Number.isFinite(n)) return Math.trunc(n);
      if (typeof n === 'boolean') return n ? 1 : 0;
      throw new PyValueError(`invalid literal for int() with base 10: ${pyRepr(value)}`);
    }
    case 'float':
    case 'monetary': {
      if (value === false) return 0;
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n === 'number' && Number.isFinite(n)) return n;
      if (typeof n === 'boolean') return n ? 1 : 0;
      throw new PyValueError(`could not convert string to float: ${pyRepr(value)}`);
    }
    case 'boolean':
      return Boolean(value);
    case 'date':
      if (value === false || value === '') return false;
      if (typeof value === 'string') {
        const m = DATETIME.exec(value);
        if (m && (DATE.test(value) || m[2])) return m[1];
      }
      throw new PyValueError(`time data ${pyRepr(value)} does not match format '%Y-%m-%d'`);
    case 'datetime':
      if (value === false || value === '') return false;
      if (typeof value === 'string') {
        const m = DATETIME.exec(value);
        if (m) return `${m[1]} ${m[2] ?? '00:00'}:${m[3] ?? '00'}`;
      }
      throw new PyValueError(`time data ${pyRepr(value)} does not match format '%Y-%m-%d %H:%M:%S'`);
    case 'selection':
      if (value === false || value === '') return false;
      if (typeof value === 'string' && field.selection?.some(([key]) => key === value)) return value;
      throw wrongValue(model, name, value);
    case 'many2one':
      if (value === false || value === 0) return false;
      if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
      if (Array.isArray(value) && typeof value[0] === 'number') return value[0];
      throw wrongValue(model, name, value);
    default:
      throw wrongValue(model, name, value);
  }
}

/** Odoo's translation of a NOT NULL violation (odoo/service/model.py, `_as_validation_error`). */
export function missingRequired(model: CompiledModel, name: string): ValidationError {
  const field = model.fields[name];
  return new ValidationError(
    'The operation cannot be completed:\n' +
      '- Create/update: a mandatory field is not set.\n' +
      '- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n' +
      `Model: ${model.def.description} (${model.name})\nField: ${field?.string ?? name} (${name})`,
  );
}

/** Odoo's translation of a foreign key violation (a many2one pointing at nothing). */
export function foreignKeyViolation(model: CompiledModel, name: string): ValidationError {
  return new ValidationError(
    'The operation cannot be completed: another model requires the record being deleted. ' +
      'If possible, archive it instead.\n\n' +
      `Model: ${model.def.description} (${model.name})\nConstraint: ${model.name.replace(/\./g, '_')}_${name}_fkey`,
  );
}

/** A value as Python's `repr` prints it, for messages that quote the client's input. */
export function pyRepr(value: unknown): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(
      ([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`,
    );
    return `{${entries.join(', ')}}`;
  }
  return typeof value === 'number' || typeof value === 'bigint' ? String(value) : 'None';
}

/** A field's default for a new record: `FieldDef.default` is a value or a function of the env and the values. */
export function defaultValue(field: FieldDef, env: Env, vals: Record<string, unknown>): unknown {
  const fallback = field.default;
  return typeof fallback === 'function'
    ? (fallback as (env: Env, vals: Record<string, unknown>) => unknown)(env, vals)
    : fallback;
}
