import { describe, expect, it } from '@jest/globals';
import { and, FALSE_DOMAIN, normalizeDomain, not, or, where } from '../../../../connectors/odoo/index.js';

describe('domain builder', () => {
  it('builds one condition', () => {
    expect(where('state', 'in', ['sale'])).toEqual([['state', 'in', ['sale']]]);
    expect(where('partner_id.country_id.code', '=', 'BE')).toEqual([
      ['partner_id.country_id.code', '=', 'BE'],
    ]);
  });

  it('combines in prefix notation', () => {
    expect(and(where('a', '=', 1), where('b', '=', 2), where('c', '=', 3))).toEqual([
      '&',
      '&',
      ['a', '=', 1],
      ['b', '=', 2],
      ['c', '=', 3],
    ]);
    expect(or(where('a', '=', 1), and(where('b', '>', 2), where('c', 'ilike', 'x')))).toEqual([
      '|',
      ['a', '=', 1],
      '&',
      ['b', '>', 2],
      ['c', 'ilike', 'x'],
    ]);
    expect(not(or(where('a', '=', 1), where('b', '=', 2)))).toEqual(['!', '|', ['a', '=', 1], ['b', '=', 2]]);
  });

  it('treats the empty domain as true', () => {
    expect(and()).toEqual([]);
    expect(and([], where('a', '=', 1))).toEqual([['a', '=', 1]]);
    expect(or([], where('a', '=', 1))).toEqual([]);
    expect(or()).toEqual(FALSE_DOMAIN);
    expect(not([])).toEqual(FALSE_DOMAIN);
  });

  it("makes Odoo's implicit and explicit before negating a hand-written domain", () => {
    const written = [
      ['a', '=', 1],
      ['b', '=', 2],
    ] as const;
    expect(normalizeDomain(written)).toEqual(['&', ['a', '=', 1], ['b', '=', 2]]);
    expect(not(written)).toEqual(['!', '&', ['a', '=', 1], ['b', '=', 2]]);
    expect(() => normalizeDomain(['&', ['a', '=', 1]])).toThrow('Malformed domain');
  });

  it('takes ids for child_of and parent_of', () => {
    expect(where('location_id', 'child_of', 8)).toEqual([['location_id', 'child_of', 8]]);
    expect(where('write_date', '>', '2024-01-01 00:00:00')).toEqual([
      ['write_date', '>', '2024-01-01 00:00:00'],
    ]);
  });
});
