/**
 * The connector against the emulated Odoo over real HTTP, for both protocols: the same calls must give
 * the same canonical records whichever wire the client speaks.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { and, not, or, where, type Domain } from '../../../../connectors/odoo/index.js';
import { startContractHarness, type ContractHarness, type Protocol } from './harness.js';

describe.each<Protocol>(['json2', 'jsonrpc'])('Odoo connector contract over %s', (protocol) => {
  let h: ContractHarness;
  let ids: Record<string, number>;

  beforeAll(async () => {
    h = await startContractHarness(protocol);
    const [acme, globex, initech] = await h.client.create('res.partner', [
      {
        name: 'Acme Supplies',
        ref: 'C-100',
        email: 'buyer@acme.test',
        is_company: true,
        customer_rank: 1,
        credit_limit: 5000.5,
      },
      { name: 'Globex Foods', ref: 'C-200', is_company: true, customer_rank: 1, credit_limit: 0 },
      { name: 'Initech Tools', ref: 'S-300', is_company: true, supplier_rank: 1 },
    ]);
    const [acmeShip] = await h.client.create('res.partner', [
      { name: 'Acme Dock 4', type: 'delivery', parent_id: acme, city: 'Chicago' },
    ]);
    ids = { acme: acme!, globex: globex!, initech: initech!, acmeShip: acmeShip! };
  });
  afterAll(() => h.close());

  it('speaks the configured protocol to an Odoo 19', async () => {
    expect(await h.client.protocol()).toBe(protocol);
    expect(await h.client.version()).toMatchObject({ major: 19, version: '19.0' });
  });

  it('normalises what Odoo returns: false to null, many2one to {id, name}, UTC datetimes, exact money', async () => {
    const [ship] = await h.client.read(
      'res.partner',
      [ids.acmeShip!],
      ['name', 'email', 'parent_id', 'type', 'write_date'],
    );
    expect(ship).toEqual({
      id: ids.acmeShip,
      name: 'Acme Dock 4',
      email: null,
      parent_id: { id: ids.acme, name: 'Acme Supplies' },
      type: 'delivery',
      write_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
    });
  });

  it('reads money as an exact decimal string in the currency precision', async () => {
    const records = await h.client.read('res.partner', [ids.acme!, ids.globex!], ['credit_limit']);
    expect(records).toEqual([
      { id: ids.acme, credit_limit: '5000.50' },
      { id: ids.globex, credit_limit: '0.00' },
    ]);
  });

  it('reads many records in one call, in the order asked, leaving out ids that do not exist', async () => {
    const before = h.calls.length;
    const records = await h.client.read(
      'res.partner',
      [ids.initech!, ids.acme!, 999_999, ids.acme!],
      ['ref'],
    );
    expect(records).toEqual([
      { id: ids.initech, ref: 'S-300' },
      { id: ids.acme, ref: 'C-100' },
    ]);
    // One read that fails on the missing id, then one search_read that drops it: never one call per id.
    expect(h.calls.length - before).toBeLessThanOrEqual(2);
  });

  const cases: [string, () => Domain, string[]][] = [
    ['=', () => where('ref', '=', 'C-100'), ['C-100']],
    ['!=', () => and(where('ref', '!=', 'C-100'), where('ref', '!=', false)), ['C-200', 'S-300']],
    ['>', () => where('credit_limit', '>', 0), ['C-100']],
    ['>=', () => and(where('credit_limit', '>=', 0), where('customer_rank', '>=', 1)), ['C-100', 'C-200']],
    ['<', () => and(where('supplier_rank', '<', 1), where('ref', 'like', 'C-')), ['C-100', 'C-200']],
    ['<=', () => and(where('customer_rank', '<=', 0), where('ref', '!=', false)), ['S-300']],
    ['in', () => where('ref', 'in', ['C-200', 'S-300', 'X']), ['C-200', 'S-300']],
    ['not in', () => and(where('ref', 'not in', ['C-200']), where('ref', '!=', false)), ['C-100', 'S-300']],
    ['like', () => where('name', 'like', 'Foods'), ['C-200']],
    ['ilike', () => where('name', 'ilike', 'acme sup'), ['C-100']],
    ['=like', () => where('ref', '=like', 'C-_00'), ['C-100', 'C-200']],
    ['=ilike', () => where('ref', '=ilike', 's-%'), ['S-300']],
    ['|', () => or(where('ref', '=', 'C-100'), where('ref', '=', 'S-300')), ['C-100', 'S-300']],
    ['!', () => and(not(where('ref', 'like', 'C-')), where('ref', '!=', false)), ['S-300']],
  ];
  it.each(cases)('filters with %s', async (_operator, domain, refs) => {
    const records = await h.client.searchRead('res.partner', {
      domain: domain(),
      fields: ['ref'],
      order: 'ref',
    });
    expect(records.map((record) => record.ref)).toEqual(refs);
  });

  it('follows dotted paths through many2one and child_of/parent_of over the partner tree', async () => {
    const byParent = await h.client.searchRead('res.partner', {
      domain: where('parent_id.ref', '=', 'C-100'),
      fields: ['name'],
    });
    expect(byParent.map((record) => record.name)).toEqual(['Acme Dock 4']);
    const children = await h.client.searchRead('res.partner', {
      domain: where('id', 'child_of', ids.acme!),
      fields: ['name'],
      order: 'id',
    });
    expect(children.map((record) => record.name)).toEqual(['Acme Supplies', 'Acme Dock 4']);
    const parents = await h.client.searchRead('res.partner', {
      domain: where('id', 'parent_of', ids.acmeShip!),
      fields: ['name'],
      order: 'id',
    });
    expect(parents.map((record) => record.name)).toEqual(['Acme Supplies', 'Acme Dock 4']);
  });

  it('pages with order, limit and offset, and counts', async () => {
    const domain = where('ref', '!=', false);
    const page = await h.client.searchRead('res.partner', {
      domain,
      fields: ['ref'],
      order: 'ref desc',
      limit: 2,
      offset: 1,
    });
    expect(page.map((record) => record.ref)).toEqual(['C-200', 'C-100']);
    expect(await h.client.searchCount('res.partner', { domain })).toBe(3);
  });

  it('writes, and the change is visible with a newer write_date', async () => {
    const [before] = await h.client.read('res.partner', [ids.globex!], ['phone', 'write_date']);
    h.odoo.emulator.setNow('2099-01-01 00:00:00');
    try {
      expect(await h.client.write('res.partner', [ids.globex!], { phone: '+1 555 0100' })).toBe(true);
    } finally {
      h.odoo.emulator.setNow(null);
    }
    const [after] = await h.client.read('res.partner', [ids.globex!], ['phone', 'write_date']);
    expect(before?.phone).toBeNull();
    expect(after).toEqual({ id: ids.globex, phone: '+1 555 0100', write_date: '2099-01-01T00:00:00Z' });
  });

  it('turns each kind of Odoo refusal into its typed error, and a refused call changes nothing', async () => {
    const count = await h.client.searchCount('res.partner');
    // A batch whose second record is invalid: one transaction, so the first is not kept either.
    await expect(h.client.create('res.partner', [{ name: 'Kept?' }, { name: false }])).rejects.toMatchObject({
      code: 'ODOO_VALIDATION',
      odooName: 'odoo.exceptions.ValidationError',
    });
    expect(await h.client.searchCount('res.partner')).toBe(count);
    await expect(h.client.write('res.partner', [999_999], { name: 'x' })).rejects.toMatchObject({
      code: 'ODOO_MISSING_RECORD',
    });
    await expect(
      h.client.callMethod('res.partner', '_compute_display_name', { ids: [ids.acme!] }),
    ).rejects.toMatchObject({
      code: 'ODOO_ACCESS_DENIED',
    });
    await expect(
      h.client.callMethod('res.partner', 'search_count', { kwargs: { domain: [], colour: 'red' } }),
    ).rejects.toMatchObject({ code: 'ODOO_BAD_REQUEST' });
    await expect(
      h.client.callMethod('res.partner', 'search_read', {
        kwargs: { domain: [], fields: ['no_such_field'] },
      }),
    ).rejects.toMatchObject({
      code: 'ODOO_BAD_REQUEST',
      odooName: 'builtins.ValueError',
    });
  });

  it('refuses a wrong API key as an authentication failure, without retrying it', async () => {
    const { client, calls } = h.clientWith({ apiKey: 'not-the-key' });
    await expect(client.searchCount('res.partner')).rejects.toMatchObject({
      code: 'ODOO_AUTHENTICATION',
      retryable: false,
    });
    expect(calls.filter((call) => call.model === 'res.partner')).toHaveLength(1);
  });
});
