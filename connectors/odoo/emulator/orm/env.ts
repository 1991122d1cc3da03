import type { Domain, Env, ModelDef, SearchOptions, StoredRecord } from './model-def.js';
import type { Orm } from './orm.js';
import { search, searchCount } from './search.js';
import { createRecord, unlinkRecords, writeRecords } from './writer.js';

/** Calls a method by name as an external client would (the ORM's own or a model's public one). */
export type MethodCaller = (
  env: OrmEnv,
  model: string,
  method: string,
  ids: number[],
  kwargs: Record<string, unknown>,
) => unknown;

/**
 * The {@link Env} business code, computed fields and the demo seeder use. Every operation runs in a
 * transaction: the caller's when one is open (a savepoint), its own otherwise.
 */
export class OrmEnv implements Env {
  constructor(
    readonly orm: Orm,
    readonly uid: number,
    readonly context: Readonly<Record<string, unknown>>,
    private readonly caller: MethodCaller,
  ) {}

  now(): string {
    return this.orm.now();
  }

  withContext(extra: Record<string, unknown>): OrmEnv {
    return new OrmEnv(this.orm, this.uid, { ...this.context, ...extra }, this.caller);
  }

  model(name: string): ModelDef {
    return this.orm.model(name).def;
  }

  search(model: string, domain: Domain, options?: SearchOptions): number[] {
    return search(this.orm, this, model, domain, options);
  }

  searchCount(model: string, domain: Domain): number {
    return searchCount(this.orm, this, model, domain);
  }

  read(model: string, ids: number[], fields?: string[]): Record<string, unknown>[] {
    return this.orm.read(this, model, ids, fields);
  }

  /**
   * The stored row itself, not a copy: rows are frozen when stored (`Table.put`), so callers
   * cannot change the store behind the journal's back.
   */
  get(model: string, id: number): Readonly<StoredRecord> {
    return this.orm.row(this, model, id);
  }

  value(model: string, id: number, field: string): unknown {
    return this.orm.value(this, this.orm.model(model), this.orm.row(this, model, id), field);
  }

  create(model: string, vals: Record<string, unknown>): number {
    return createRecord(this.orm, this, model, vals);
  }

  write(model: string, ids: number[], vals: Record<string, unknown>): void {
    writeRecords(this.orm, this, model, ids, vals);
  }

  unlink(model: string, ids: number[]): void {
    unlinkRecords(this.orm, this, model, ids);
  }

  call(model: string, method: string, ids: number[], kwargs: Record<string, unknown>): unknown {
    return this.orm.store.transaction(() => this.caller(this, model, method, ids, kwargs));
  }
}
