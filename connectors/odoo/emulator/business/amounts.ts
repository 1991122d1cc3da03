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
  let rate = 0;
  for (const id of taxIds) {
    const tax = env.get('account.tax', id);
    if (str(tax.amount_type) === 'percent' && tax.price_include !== true) rate += num(tax.amount);
  }
  return rate;
}

/** Amounts of a sale order line or invoice line (`qtyField` names its quantity field). */
export function lineAmounts(env: Env, line: StoredRecord, qtyField: string): LineAmounts {
  if (line.display_type && line.display_type !== 'product') return { subtotal: 0, tax: 0, total: 0 };
  const unit = num(line.price_unit) * (1 - num(line.discount) / 100);
  const subtotal = roundMoney(unit * num(line[qtyField]));
  const tax = roundMoney((subtotal * taxRate(env, x2m(line.tax_ids))) / 100);
  return { subtotal, tax, total: roundMoney(subtotal + tax) };
}

/** Sums line amounts the way a document's totals are (untaxed, tax, total). */
export function sumAmounts(parts: LineAmounts[]): { untaxed: number; tax: number; total: number } {
  const untaxed = roundMoney(parts.reduce((s, p) => s + p.subtotal, 0));
  const tax = roundMoney(parts.reduce((s, p) => s + p.tax, 0));
  return { untaxed, tax, total: roundMoney(untaxed + tax) };
}

/** The default sale tax: the first active percentage tax for sales, as a company's default would be. */
export function defaultSaleTaxes(env: Env): number[] {
  return env.search('account.tax', [['type_tax_use', '=', 'sale']], { limit: 1, order: 'sequence, id' });
}
