import { z } from 'zod';
import { OdooProtocolError } from './errors.js';
import { kindOf, type FieldKind, type FieldSpec, type ModelSpec, type SelectionSpec } from './field-spec.js';
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
  const reader = readerFor(options.spec, options.fields);
  const parsed = reader?.schema.safeParse(raw);
  // One zod pass per record; on failure the field-by-field pass below says which field is wrong and how.
  if (!reader || !parsed?.success) return normalizeFieldByField(raw, options);
  const wire = parsed.data as Record<string, unknown>;
  const result: Record<string, unknown> = { id: wire.id };
  for (const { field, kind, currency } of reader.fields) {
    const value = wire[field];
    if (kind === 'bool' || kind === 'x2m') result[field] = value;
    else if (value === false) result[field] = null;
    else result[field] = convert(kind, value, currency, wire, options);
  }
  return result;
}

/** A model's field list compiled once: one object schema for the record, each field's kind and currency. */
interface RecordReader {
  schema: z.ZodType;
  fields: readonly { field: string; kind: FieldKind; currency: string | undefined }[];
}

/** Per spec (the models are module constants), per field list; null when a field is not in the spec. */
const readers = new WeakMap<ModelSpec, Map<string, RecordReader | null>>();

function readerFor(spec: ModelSpec, fields: readonly string[]): RecordReader | null {
  let bySpec = readers.get(spec);
  if (!bySpec) readers.set(spec, (bySpec = new Map<string, RecordReader | null>()));
  const key = fields.join(',');
  let reader = bySpec.get(key);
  if (reader === undefined) {
    reader = compileReader(spec, fields);
    bySpec.set(key, reader);
  }
  return reader;
}

function compileReader(spec: ModelSpec, fields: readonly string[]): RecordReader | null {
  const shape: Record<string, z.ZodType> = { id: z.number().int() };
  const compiled: { field: string; kind: FieldKind; currency: string | undefined }[] = [];
  for (const field of fields) {
    const fieldSpec = spec[field];
    if (fieldSpec === undefined) return null;
    shape[field] = schemaOf(fieldSpec);
    const currency =
      typeof fieldSpec === 'object' && fieldSpec.kind === 'money' ? fieldSpec.currency : undefined;
    compiled.push({ field, kind: kindOf(fieldSpec), currency });
  }
  // Currency fields are read for the money fields' precision, whether or not they were asked for.
  for (const { currency } of compiled) if (currency !== undefined) shape[currency] ??= z.unknown();
  return { schema: z.object(shape), fields: compiled };
}

/** The wire schema of a field; a selection's is built once per spec object. */
function schemaOf(spec: FieldSpec): z.ZodType {
  if (typeof spec !== 'object' || spec.kind !== 'selection') return wireSchemas[kindOf(spec)];
  let schema = selectionSchemas.get(spec);
  if (!schema) selectionSchemas.set(spec, (schema = z.union([z.enum(spec.values), unset])));
  return schema;
}
const selectionSchemas = new WeakMap<SelectionSpec, z.ZodType>();

function convert(
  kind: FieldKind,
  wire: unknown,
  currencyField: string | undefined,
  record: Record<string, unknown>,
  options: NormalizeOptions,
): unknown {
  switch (kind) {
    case 'm2o': {
      const [id, name] = wire as [number, string | false];
      return { id, name: name === false ? '' : name };
    }
    case 'datetime':
      return `${(wire as string).replace(' ', 'T')}Z`;
    case 'money': {
      const currencyId = currencyField === undefined ? undefined : many2oneId(record[currencyField]);
      const decimals = options.currencyDecimals?.(currencyId) ?? DEFAULT_CURRENCY_DECIMALS;
      return toMoneyString(wire as number, decimals);
    }
    default:
      return wire;
  }
}

/** The original pass, field by field, which names the first field that is off-spec. */
function normalizeFieldByField(raw: unknown, options: NormalizeOptions): Record<string, unknown> {
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
  const parsed = schemaOf(spec).safeParse(value);
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
  const currency = typeof spec === 'object' && spec.kind === 'money' ? spec.currency : undefined;
  return convert(kind, wire, currency, record, options);
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
