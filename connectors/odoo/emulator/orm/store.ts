import type { StoredRecord } from './model-def.js';
import type { Registry } from './registry.js';
import { Table } from './table.js';

interface JournalEntry {
  table: Table;
  id: number;
  previous: StoredRecord | undefined;
}

/** Something to do once the outermost transaction commits (webhooks), or to forget on rollback. */
export type PostCommitHook = () => void;

/**
 * The in-memory database: one {@link Table} per model and a transaction discipline like PostgreSQL's
 * as Odoo uses it — one transaction per call, nested calls are savepoints. Changes go through
 * {@link Store.put}, which journals the previous row; a failure undoes the journal back to the
 * savepoint. Post-commit hooks run only when the outermost transaction commits.
 */
export class Store {
  private readonly tables = new Map<string, Table>();
  private journal: JournalEntry[] = [];
  private postCommit: PostCommitHook[] = [];
  private depth = 0;
  /** Numbers outermost transactions, so listeners can tell one transaction's events from the next. */
  serial = 0;

  constructor(registry: Registry) {
    for (const name of registry.names()) this.tables.set(name, new Table(registry.get(name).indexedFields));
  }

  table(model: string): Table {
    const table = this.tables.get(model);
    if (!table) throw new Error(`no table for ${model}`);
    return table;
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  /** Reserves the next id of a model's table; like a PostgreSQL sequence, a rollback does not give it back. */
  allocateId(table: Table): number {
    return table.nextId++;
  }

  put(table: Table, id: number, record: StoredRecord | undefined): void {
    if (this.depth === 0) throw new Error('store change outside a transaction');
    this.journal.push({ table, id, previous: table.get(id) });
    table.put(id, record);
  }

  afterCommit(hook: PostCommitHook): void {
    this.postCommit.push(hook);
  }

  /** Runs `fn` in a transaction (a savepoint when one is already open). */
  transaction<T>(fn: () => T): T {
    const mark = this.journal.length;
    const hooksMark = this.postCommit.length;
    if (this.depth === 0) this.serial++;
    this.depth++;
    let result: T;
    try {
      result = fn();
    } catch (error) {
      this.undoTo(mark);
      this.postCommit.length = hooksMark;
      this.depth--;
      throw error;
    }
    this.depth--;
    if (this.depth === 0) this.commit();
    return result;
  }

  private undoTo(mark: number): void {
    while (this.journal.length > mark) {
      const entry = this.journal.pop()!;
      entry.table.put(entry.id, entry.previous);
    }
  }

  private commit(): void {
    const hooks = this.postCommit;
    this.journal = [];
    this.postCommit = [];
    for (const hook of hooks) hook();
  }
}
