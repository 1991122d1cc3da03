/**
 * Small helpers to read stored values the way Odoo keeps them (`false` for empty, a many2one as a bare
 * id, an x2many as an array of ids) and to do the date and rounding arithmetic the business rules need.
 */
import type { Env } from '../orm/model-def.js';

/** A many2one's id, or `false`. Tolerates the wire form `[id, name]` too. */
export function m2o(value: unknown): number | false {
  if (typeof value === 'number') return value;
  if (Array.isArray(value) && typeof value[0] === 'number') return value[0];
  return false;
}

/** An x2many's ids (an empty array when unset). */
export function x2m(value: unknown): number[] {
  return Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : [];
}

export function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Quantities compare at Odoo's default `Product Unit` precision (0.01) with some slack for binary floats. */
export function qtyIsZero(qty: number): boolean {
  return Math.abs(qty) < 0.005;
}

/** Rounds a monetary amount to the currency's rounding (0.01 for USD), half away from zero like Odoo. */
export function roundMoney(amount: number, rounding = 0.01): number {
  const steps = Math.round(Math.abs(amount) / rounding + 1e-9);
  const rounded = Number((steps * rounding).toFixed(6));
  return amount < 0 ? -rounded : rounded;
}

export function roundQty(qty: number): number {
  return Number(qty.toFixed(4));
}

/** The emulator clock's date (`YYYY-MM-DD`). */
export function today(env: Env): string {
  return env.now().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The one2many children of a record (the ORM reads them through the inverse field's index). */
export function children(env: Env, model: string, id: number, field: string): number[] {
  return x2m(env.value(model, id, field));
}

/** The x2many value that replaces a relation's ids (Odoo's `Command.set`, `[6, 0, ids]`). */
export function setIds(ids: number[]): unknown {
  return [[6, 0, ids]];
}

const INTERNAL = 'emulator_internal_write';

/** An env whose stock.move writes are the business rules' own (not a client editing quantities). */
export function internal(env: Env): Env {
  return env.context[INTERNAL] ? env : env.withContext({ [INTERNAL]: true });
}

export function isInternal(env: Env): boolean {
  return env.context[INTERNAL] === true;
}
