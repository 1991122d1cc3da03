/**
 * Reading records with the records their relational fields point to in one call: Odoo 17+'s
 * `web_search_read` takes a specification that nests (see the emulator's orm/web-read.ts for its
 * semantics). This module builds that specification from field lists and takes the nested answer
 * apart again, so that every record, top-level or nested, reads exactly as `search_read` would have
 * answered it (a many2one as `[id, display_name]`, an x2many as its ids) and goes through the same
 * validation and normalisation.
 */
import { OdooProtocolError } from './errors.js';
import { kindOf, type FieldKind } from './field-spec.js';
import { modelSpec, type OdooFieldName, type OdooModelName, type OdooRecord } from './models.js';
import { currencyFieldsFor } from './normalize.js';

/** What to read, in the same call, of the records a relational field points to. */
export interface Related<M extends OdooModelName = OdooModelName, F extends string = string> {
  readonly model: M;
  readonly fields: readonly F[];
  readonly related: Readonly<Record<string, Related>>;
}

/** {@link Related} for `model`'s `fields`, with its own relational fields' co-records in `nested`. */
export function related<M extends OdooModelName, F extends OdooFieldName<M>>(
  model: M,
  fields: readonly F[],
  nested?: Readonly<Partial<Record<F, Related>>>,
): Related<M, F> {
  return { model, fields, related: (nested ?? {}) as Readonly<Record<string, Related>> };
}

type Specification = Record<string, { fields?: Specification }>;

/** The fields a read of `fields` asks for: those plus the currencies their money fields need. */
export function fieldsToRead(model: OdooModelName, fields: readonly string[]): string[] {
  return [...new Set([...fields, ...currencyFieldsFor(modelSpec(model), fields)])];
}

/** How `model`'s `field` reads; undefined for a field the model's spec does not list. */
function kindIn(model: OdooModelName, field: string): FieldKind | undefined {
  const spec = modelSpec(model)[field];
  return spec === undefined ? undefined : kindOf(spec);
}

/**
 * The specification reading `fields` of `model` and, for each field in `nested`, its co-records. Every
 * many2one also asks for its co-record's display name, as a classic read answers it.
 */
export function specificationOf(
  model: OdooModelName,
  fields: readonly string[],
  nested: Readonly<Record<string, Related>>,
): Specification {
  const specification: Specification = {};
  for (const field of fieldsToRead(model, fields)) {
    const kind = kindIn(model, field);
    const co = nested[field];
    const sub = co ? specificationOf(co.model, co.fields, co.related) : undefined;
    if (kind === 'm2o') specification[field] = { fields: { ...sub, display_name: {} } };
    else specification[field] = sub ? { fields: sub } : {};
  }
  return specification;
}

/** The co-records of one {@link Related}, as `search_read` would have answered them, by id. */
type Collected = Map<Related, Map<number, Record<string, unknown>>>;

/**
 * Turns records of `model` answered to {@link specificationOf} back into `search_read`'s shapes,
 * collecting each nested co-record under its {@link Related} (itself taken apart the same way).
 * Anything else than the expected nesting is an OdooProtocolError naming the field.
 */
export function unnest(
  model: OdooModelName,
  fields: readonly string[],
  nested: Readonly<Record<string, Related>>,
  raw: unknown,
  collected: Collected,
): unknown[] {
  if (!Array.isArray(raw))
    throw new OdooProtocolError(`Odoo answered ${model} with something other than a list of records`, {
      model,
    });
  const relational = fieldsToRead(model, fields).filter((field) => {
    const kind = kindIn(model, field);
    return kind === 'm2o' || (kind === 'x2m' && nested[field] !== undefined);
  });
  return raw.map((record: unknown) => {
    if (typeof record !== 'object' || record === null) return record;
    const flat: Record<string, unknown> = { ...record };
    for (const field of relational) {
      const value = flat[field];
      const co = nested[field];
      if (Array.isArray(value)) {
        flat[field] = value.map((item: unknown) => collect(model, field, item, co, collected));
      } else if (value !== false && value !== undefined) {
        const id = collect(model, field, value, co, collected);
        const name = (value as { display_name?: unknown }).display_name;
        flat[field] = [id, typeof name === 'string' ? name : false];
      }
    }
    return flat;
  });
}

function collect(
  model: string,
  field: string,
  value: unknown,
  co: Related | undefined,
  collected: Collected,
): number {
  const id = (value as { id?: unknown } | null)?.id;
  if (typeof id !== 'number' || !Number.isInteger(id))
    throw new OdooProtocolError(
      `Odoo answered ${model}.${field} with ${JSON.stringify(value)}, not a record with an id`,
      { model },
    );
  if (co) {
    let records = collected.get(co);
    if (!records) collected.set(co, (records = new Map<number, Record<string, unknown>>()));
    const flat = unnest(co.model, co.fields, co.related, [value], collected)[0] as Record<string, unknown>;
    records.set(id, flat);
  }
  return id;
}

/** The co-records a nested read brought back, normalised like any read of their model. */
export class RelatedRecords {
  readonly #byRelated: ReadonlyMap<Related, ReadonlyMap<number, Record<string, unknown>>>;

  constructor(byRelated: ReadonlyMap<Related, ReadonlyMap<number, Record<string, unknown>>>) {
    this.#byRelated = byRelated;
  }

  /** The records read for `spec` (the very object passed in the read's `related`), by id. */
  of<M extends OdooModelName, F extends OdooFieldName<M>>(
    spec: Related<M, F>,
  ): ReadonlyMap<number, OdooRecord<M, F>> {
    return (this.#byRelated.get(spec) ?? new Map()) as ReadonlyMap<number, OdooRecord<M, F>>;
  }
}
