/**
 * How the emulator declares an Odoo model: its fields (with Odoo's field types, so that values read,
 * written and described by `fields_get` follow Odoo's conventions) and its public business methods.
 * Model files under `../models/` export one `ModelDef` each; `registry.ts` gathers them.
 */

/** Odoo's field types that the emulated models use. */
export type FieldType =
  | 'char'
  | 'text'
  | 'html'
  | 'integer'
  | 'float'
  | 'monetary'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'selection'
  | 'many2one'
  | 'one2many'
  | 'many2many';

/**
 * A stored record as the emulator keeps it: scalar fields as Odoo returns them (`false` when empty,
 * dates `YYYY-MM-DD`, datetimes `YYYY-MM-DD HH:MM:SS` UTC, floats as numbers), many2one as the bare id
 * or `false`, one2many/many2many as arrays of ids.
 */
export type StoredRecord = { id: number } & Record<string, unknown>;

/** A field's declaration. */
export interface FieldDef {
  type: FieldType;
  /** The label `fields_get` reports as `string`. */
  string: string;
  required?: boolean;
  /**
   * Reported as `readonly` by `fields_get`. As in Odoo, the flag is a UI hint: the ORM still writes a
   * stored read-only field; a computed field (always read-only) ignores writes silently.
   */
  readonly?: boolean;
  /** The comodel of a relational field. */
  relation?: string;
  /** For one2many: the many2one field on the comodel that points back. */
  inverseName?: string;
  /** For selection fields: `[key, label]` pairs. */
  selection?: ReadonlyArray<readonly [string, string]>;
  /** The value a create without this field gets. */
  // The union documents that a function is called with the env and the values, not stored as is.
  // eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents
  default?: unknown | ((env: Env, vals: Record<string, unknown>) => unknown);
  /**
   * Computes the value on read from the record and the environment (its context matters: stock figures
   * honour `warehouse`/`location`). A computed field is read-only, and searchable only when
   * `search`-able by evaluating it per record (the emulator does, Odoo does through a search method).
   */
  compute?: (record: StoredRecord, env: Env) => unknown;
  /** For monetary fields: the many2one field holding the currency (default `currency_id`). */
  currencyField?: string;
  help?: string;
}

/**
 * A public business method (`action_confirm`, `button_validate`, ...). `ids` is empty for model-level
 * methods. It runs inside the call's transaction: throw an {@link OdooException} to refuse, and every
 * change made so far is rolled back.
 */
export type MethodImpl = (env: Env, ids: number[], kwargs: Record<string, unknown>) => unknown;

/** A model's declaration. */
export interface ModelDef {
  /** Technical name, e.g. `sale.order`. */
  name: string;
  /** Human name, e.g. `Sales Order`. */
  description: string;
  fields: Record<string, FieldDef>;
  /** Default order of `search`, in Odoo's syntax (`date_order desc, id desc`). Default `id`. */
  order?: string;
  /** The field `display_name` shows. Default `name`. */
  recName?: string;
  /** Overrides `display_name` (e.g. a contact reads `Company, Person`). */
  displayName?: (record: StoredRecord, env: Env) => string;
  /** The many2one field `child_of`/`parent_of` follow. Default `parent_id`. */
  parentName?: string;
  /** Public methods callable from outside, beyond the ORM's own (search_read, create, write, ...). */
  methods?: Record<string, MethodImpl>;
  /** Called after create and write with the affected ids: throw a ValidationError to refuse. */
  constrain?: (env: Env, ids: number[]) => void;
  /** Called after the ORM create, inside the same transaction (e.g. a sale order line recomputes its order). */
  afterCreate?: (env: Env, ids: number[]) => void;
  afterWrite?: (env: Env, ids: number[], vals: Record<string, unknown>) => void;
}

/** Options of `search`. */
export interface SearchOptions {
  offset?: number;
  limit?: number | false | null;
  order?: string;
}

/** A domain as Odoo takes it: terms `[path, operator, value]` and the prefix operators `&`, `|`, `!`. */
export type DomainItem = '&' | '|' | '!' | readonly [string, string, unknown];
export type Domain = ReadonlyArray<DomainItem>;

/**
 * The environment one call runs in: the ORM over the store, inside the call's transaction, as the
 * calling user, with the call's context. Business methods and computed fields use it; so does the
 * demo data generator (through the same public operations an external client has).
 */
export interface Env {
  readonly uid: number;
  readonly context: Readonly<Record<string, unknown>>;
  /** The emulator's clock as a `YYYY-MM-DD HH:MM:SS` UTC string (the demo generator moves it). */
  now(): string;
  /** The same environment with other context keys. */
  withContext(extra: Record<string, unknown>): Env;
  model(name: string): ModelDef;
  search(model: string, domain: Domain, options?: SearchOptions): number[];
  searchCount(model: string, domain: Domain): number;
  /** Reads fields (all when omitted) in Odoo's wire format (many2one as `[id, display_name]`). */
  read(model: string, ids: number[], fields?: string[]): Record<string, unknown>[];
  /**
   * The raw stored record (many2one as a bare id), computed fields not included; MissingError if gone.
   * The store's own row, frozen: a change goes through `write`, never through this object.
   */
  get(model: string, id: number): Readonly<StoredRecord>;
  /** A computed or stored field's value in stored form. */
  value(model: string, id: number, field: string): unknown;
  create(model: string, vals: Record<string, unknown>): number;
  write(model: string, ids: number[], vals: Record<string, unknown>): void;
  unlink(model: string, ids: number[]): void;
  /** Calls a public method or ORM method by name, exactly as an external call would. */
  call(model: string, method: string, ids: number[], kwargs: Record<string, unknown>): unknown;
}
