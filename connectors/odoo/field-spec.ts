/** How a field reads over the wire and what it becomes once normalised. */
export type FieldKind =
  'char' | 'text' | 'int' | 'float' | 'money' | 'bool' | 'date' | 'datetime' | 'selection' | 'm2o' | 'x2m';

/** A selection whose keys are known, so its normalised type is their union. */
export interface SelectionSpec {
  readonly kind: 'selection';
  readonly values: readonly string[];
}

/** A monetary field, rounded to the precision of the currency its record names in `currency`. */
export interface MoneySpec {
  readonly kind: 'money';
  /** The many2one to `res.currency` on the same record; without it, two decimals. */
  readonly currency?: string;
}

export type FieldSpec = FieldKind | SelectionSpec | MoneySpec;
export type ModelSpec = Readonly<Record<string, FieldSpec>>;

/** A many2one once normalised: Odoo's `[id, display_name]` pair as an object. */
export interface Many2One {
  id: number;
  name: string;
}

/** The TypeScript type of a field's normalised value. Only booleans and x2many lists are never null. */
export type FieldValue<S extends FieldSpec> = S extends 'bool'
  ? boolean
  : S extends 'x2m'
    ? number[]
    : S extends 'int' | 'float'
      ? number | null
      : S extends 'm2o'
        ? Many2One | null
        : S extends SelectionSpec
          ? S['values'][number] | null
          : string | null;

/** The kind behind a spec. */
export function kindOf(spec: FieldSpec): FieldKind {
  return typeof spec === 'string' ? spec : spec.kind;
}
