/**
 * Line and document amounts. Odoo computes taxes with account.tax; the emulator supports percentage taxes
 * excluded from the price (what a US distributor's sales tax is) and rounds per line, Odoo's default
 * `round_per_line` method. Other tax types count as 0% (simplification).
 */
import type { Env, StoredRecord } from '../orm/model-def.js';
import { num, roundMoney, str, x2m } from './values.js';

export interface LineAmounts {
  subtotal: number;
  tax: number;
  total: number;
}

/** The summed rate (%) of percentage taxes. */
export function taxRate(env: Env, taxIds: number[]): number {
  return rateOf(taxIds.map((id) => env.get('account.tax', id)));
}

function rateOf(taxes: readonly Readonly<StoredRecord>[]): number {
  let rate = 0;
  for (const tax of taxes) {
    if (str(tax.amount_type) === 'percent' && tax.price_include !== true) rate += num(tax.amount);
  }
  return rate;
}

interface Computed {
  qtyField: string;
  taxes: readonly Readonly<StoredRecord>[];
  amounts: Readonly<LineAmounts>;
}

/**
 * Amounts already computed, by line row. Stored rows are frozen and replaced on write, so an entry
 * holds while the line is the same object and its taxes are the same rows (checked on each use).
 */
const computed = new WeakMap<Readonly<StoredRecord>, Computed>();

const NO_AMOUNTS: Readonly<LineAmounts> = Object.freeze({ subtotal: 0, tax: 0, total: 0 });

/**
 * Amounts of a sale order line or invoice line (`qtyField` names its quantity field), computed once
 * per version of the line and its taxes: a read of subtotal, tax and total for many lines, and every
 * later read, reuse them.
 */
export function lineAmounts(env: Env, line: Readonly<StoredRecord>, qtyField: string): Readonly<LineAmounts> {
  if (line.display_type && line.display_type !== 'product') return NO_AMOUNTS;
  const taxes = x2m(line.tax_ids).map((id) => env.get('account.tax', id));
  const known = computed.get(line);
  if (known && known.qtyField === qtyField && sameRows(known.taxes, taxes)) return known.amounts;
  const unit = num(line.price_unit) * (1 - num(line.discount) / 100);
  const subtotal = roundMoney(unit * num(line[qtyField]));
  const tax = roundMoney((subtotal * rateOf(taxes)) / 100);
  const amounts = Object.freeze({ subtotal, tax, total: roundMoney(subtotal + tax) });
  if (Object.isFrozen(line)) computed.set(line, { qtyField, taxes, amounts });
  return amounts;
}

function sameRows(a: readonly object[], b: readonly object[]): boolean {
  return a.length === b.length && a.every((row, i) => row === b[i]);
}

/** Sums line amounts the way a document's totals are (untaxed, tax, total). */
export function sumAmounts(parts: readonly Readonly<LineAmounts>[]): {
  untaxed: number;
  tax: number;
  total: number;
} {
  const untaxed = roundMoney(parts.reduce((s, p) => s + p.subtotal, 0));
  const tax = roundMoney(parts.reduce((s, p) => s + p.tax, 0));
  return { untaxed, tax, total: roundMoney(untaxed + tax) };
}

/** The default sale tax: the first active percentage tax for sales, as a company's default would be. */
export function defaultSaleTaxes(env: Env): number[] {
  return env.search('account.tax', [['type_tax_use', '=', 'sale']], { limit: 1, order: 'sequence, id' });
}
