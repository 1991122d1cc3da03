import { z } from 'zod';
import { OdooProtocolError } from './errors.js';
import { kindOf, type FieldKind, type FieldSpec, type ModelSpec } from './field-spec.js';
import { DEFAULT_CURRENCY_DECIMALS, toMoneyString } from './money.js';

/** Odoo's "empty" for every kind of field but booleans. */
const unset = z.literal(false);

/** What each kind of field reads as on the wire. */
const wireSchemas: Record<FieldKind, z.ZodType> = {
  char: z.union([z.string(), unset]),
  text: z.union([z.string(), unset]),
  selection: z.union([z.string(), unset]),
  int: z.union([z.number().int(), unset]),
  float: z.union([z.number(), unset]),
  money: z.union([z.number(), unset]),
  bool: z.boolean(),
  date: z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), unset]),
  datetime: z.union([z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/), unset]),
  // The display name may be false for a record without a name.
  m2o: z.union([z.tuple([z.number().int(), z.union([z.string(), unset])]), unset]),
  x2m: z.array(z.number().int()),
};
const recordSchema = z.looseObject({ id: z.number().int() });

/** Decimal places of the currency with this id (undefined when the record names none). */
export type CurrencyDecimals = (currencyId: number | undefined) => number;

export interface NormalizeOptions {
  model: string;
  spec: ModelSpec;
  /** The fields to keep, besides `id`. */
  fields: readonly string[];
  currencyDecimals?: CurrencyDecimals;
}

/**
 * Validates one record as Odoo read it and converts it to our shapes: `false` → null (booleans
 * stay booleans), many2one → `{id, name}`, datetimes → ISO 8601 UTC, money → exact decimal strings.
 * Anything off-spec is an OdooProtocolError naming the model and field.
 */
export function normalizeRecord(raw: unknown, options: NormalizeOptions): Record<string, unknown> {
  const { model, spec, fields } = options;
  const record = recordSchema.safeParse(raw);
  if (!record.success)
    throw new OdooProtocolError(`Odoo returned a ${model} record without an integer id`, { model });
  const result: Record<string, unknown> = { id: record.data.id };
  for (const field of fields) {
    const fieldSpec = spec[field];
    if (fieldSpec === undefined)
      throw new OdooProtocolError(`${model}.${field} is not a known field`, { model });
    if (!(field in record.data)) {
      throw new OdooProtocolError(`Odoo left ${model}.${field} out of record ${record.data.id}`, { model });
    }
    result[field] = normalizeValue(record.data[field], fieldSpec, record.data, options, field);
  }
  return result;
}

function normalizeValue(
  value: unknown,
  spec: FieldSpec,
  record: Record<string, unknown>,
  options: NormalizeOptions,
  field: string,
): unknown {
  const kind = kindOf(spec);
  const schema =
    typeof spec === 'object' && spec.kind === 'selection'
      ? z.union([z.enum(spec.values), unset])
      : wireSchemas[kind];
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]?.message ?? 'invalid';
    throw new OdooProtocolError(
      `Odoo returned ${JSON.stringify(value)} for ${options.model}.${field} (a ${kind} field): ${issue}`,
      { model: options.model, cause: parsed.error },
    );
  }
  const wire: unknown = parsed.data;
  if (kind === 'bool' || kind === 'x2m') return wire;
  if (wire === false) return null;
  switch (kind) {
    case 'm2o': {
      const [id, name] = wire as [number, string | false];
      return { id, name: name === false ? '' : name };
    }
    case 'datetime':
      return `${(wire as string).replace(' ', 'T')}Z`;
    case 'money': {
      const currencyField = typeof spec === 'object' && spec.kind === 'money' ? spec.currency : undefined;
      const currencyId = currencyField === undefined ? undefined : many2oneId(record[currencyField]);
      const decimals = options.currencyDecimals?.(currencyId) ?? DEFAULT_CURRENCY_DECIMALS;
      return toMoneyString(wire as number, decimals);
    }
    default:
      return wire;
  }
}

/** The id in a many2one as read (`[id, name]`), or as read with `load: null` (`id`). */
export function many2oneId(value: unknown): number | undefined {
  if (Array.isArray(value) && typeof value[0] === 'number') return value[0];
  return typeof value === 'number' ? value : undefined;
}

/** The currency fields that the money fields among `fields` need, which a read must ask for too. */
export function currencyFieldsFor(spec: ModelSpec, fields: readonly string[]): string[] {
  const needed = new Set<string>();
  for (const field of fields) {
    const fieldSpec = spec[field];
    if (typeof fieldSpec === 'object' && fieldSpec.kind === 'money' && fieldSpec.currency)
      needed.add(fieldSpec.currency);
  }
  return [...needed];
}
