/**
 * Document numbering (S00042, CHI/OUT/00007, INV/2026/00012, PBNK1/2026/00003) through `ir.sequence`
 * records, as Odoo numbers sale orders and pickings. Odoo numbers journal entries with its sequence mixin
 * (per journal and year) rather than ir.sequence; the emulator uses one ir.sequence per journal and year
 * instead, which yields the same names.
 */
import type { Env, ModelDef } from '../orm/model-def.js';
import { num, str } from './values.js';

export const irSequence: ModelDef = {
  name: 'ir.sequence',
  description: 'Sequence',
  fields: {
    name: { type: 'char', string: 'Name', required: true },
    code: { type: 'char', string: 'Sequence Code' },
    prefix: { type: 'char', string: 'Prefix' },
    padding: { type: 'integer', string: 'Sequence Size', default: 5 },
    number_next: { type: 'integer', string: 'Next Number', default: 1 },
    number_increment: { type: 'integer', string: 'Step', default: 1 },
    active: { type: 'boolean', string: 'Active', default: true },
  },
};

/** Takes the next number of the sequence `code`, creating the sequence on first use. */
export function nextByCode(env: Env, code: string, prefix: string, padding = 5): string {
  let [id] = env.search('ir.sequence', [['code', '=', code]], { limit: 1 });
  if (id === undefined) {
    id = env.create('ir.sequence', {
      name: code,
      code,
      prefix,
      padding,
      number_next: 1,
      number_increment: 1,
    });
  }
  const seq = env.get('ir.sequence', id);
  const next = num(seq.number_next) || 1;
  env.write('ir.sequence', [id], { number_next: next + (num(seq.number_increment) || 1) });
  return `${str(seq.prefix)}${String(next).padStart(num(seq.padding) || padding, '0')}`;
}
