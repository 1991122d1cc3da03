import type { StoredRecord } from './model-def.js';

type Key = string | number;

/**
 * One model's rows. Records are replaced, never mutated in place (they are frozen when stored), so the
 * undo journal can keep the previous object by reference and readers can use a row without copying
 * it. Many2one fields listed in `indexed` keep a value → ids index, which makes one2many reads and
 * `=`/`in` searches on them cheap. {@link Table.lookupValue} builds more such indexes on first use.
 */
export class Table {
  readonly rows = new Map<number, StoredRecord>();
  nextId = 1;
  private readonly indexes = new Map<string, Map<Key, Set<number>>>();
  /** Fields indexed since construction (many2one); the others were built on demand. */
  private readonly declared: ReadonlySet<string>;

  constructor(indexed: Iterable<string>) {
    for (const field of indexed) this.indexes.set(field, new Map());
    this.declared = new Set(this.indexes.keys());
  }

  get(id: number): StoredRecord | undefined {
    return this.rows.get(id);
  }

  isIndexed(field: string): boolean {
    return this.declared.has(field);
  }

  /** Ids whose indexed many2one `field` holds `value` (empty set when none). */
  lookup(field: string, value: number): ReadonlySet<number> {
    return this.indexes.get(field)?.get(value) ?? EMPTY;
  }

  /**
   * Ids whose stored `field` is exactly `value` (a string or a number; rows without the field are not
   * found), through an index built on the first lookup and kept current by {@link Table.put}.
   */
  lookupValue(field: string, value: Key): ReadonlySet<number> {
    let index = this.indexes.get(field);
    if (!index) {
      index = new Map();
      for (const [id, row] of this.rows) add(index, row[field], id);
      this.indexes.set(field, index);
    }
    return index.get(value) ?? EMPTY;
  }

  /** Sets (or with `undefined` removes) a row, keeping the indexes in step. */
  put(id: number, record: StoredRecord | undefined): void {
    const previous = this.rows.get(id);
    for (const [field, index] of this.indexes) {
      const before = previous?.[field];
      const after = record?.[field];
      if (before === after) continue;
      if (typeof before === 'number' || typeof before === 'string') index.get(before)?.delete(id);
      add(index, after, id);
    }
    if (record) this.rows.set(id, Object.freeze(record));
    else this.rows.delete(id);
  }
}

function add(index: Map<Key, Set<number>>, value: unknown, id: number): void {
  if (typeof value !== 'number' && typeof value !== 'string') return;
  let ids = index.get(value);
  if (!ids) index.set(value, (ids = new Set()));
  ids.add(id);
}

const EMPTY: ReadonlySet<number> = new Set();
