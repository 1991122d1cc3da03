import type { StoredRecord } from './model-def.js';

/**
 * One model's rows. Records are replaced, never mutated in place, so the undo journal can keep the
 * previous object by reference instead of copying it. Many2one fields listed in `indexed` keep a
 * value → ids index, which makes one2many reads and `=`/`in` searches on them cheap.
 */
export class Table {
  readonly rows = new Map<number, StoredRecord>();
  nextId = 1;
  private readonly indexes = new Map<string, Map<number, Set<number>>>();

  constructor(indexed: Iterable<string>) {
    for (const field of indexed) this.indexes.set(field, new Map());
  }

  get(id: number): StoredRecord | undefined {
    return this.rows.get(id);
  }

  isIndexed(field: string): boolean {
    return this.indexes.has(field);
  }

  /** Ids whose indexed many2one `field` holds `value` (empty set when none). */
  lookup(field: string, value: number): ReadonlySet<number> {
    return this.indexes.get(field)?.get(value) ?? EMPTY;
  }

  /** Sets (or with `undefined` removes) a row, keeping the indexes in step. */
  put(id: number, record: StoredRecord | undefined): void {
    const previous = this.rows.get(id);
    for (const [field, index] of this.indexes) {
      const before = previous?.[field];
      const after = record?.[field];
      if (before === after) continue;
      if (typeof before === 'number') index.get(before)?.delete(id);
      if (typeof after === 'number') {
        let ids = index.get(after);
        if (!ids) index.set(after, (ids = new Set()));
        ids.add(id);
      }
    }
    if (record) this.rows.set(id, record);
    else this.rows.delete(id);
  }
}

const EMPTY: ReadonlySet<number> = new Set();
