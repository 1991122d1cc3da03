import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { json2, start, type RunningOdooEmulator } from './support.js';

describe('Odoo emulator records and transactions', () => {
  let odoo: RunningOdooEmulator;

  beforeAll(async () => {
    odoo = await start();
  });
  afterAll(() => odoo.close());

  const count = async (domain: unknown[]): Promise<number> =>
    (await json2(odoo, 'res.partner', 'search_count', { domain })).body as number;

  it('changes nothing when the second of two creates is invalid', async () => {
    const before = await count([]);
    const { status, body } = await json2(odoo, 'res.partner', 'create', {
      vals_list: [{ name: 'Rolled Back' }, { name: 'Bad', type: 'spaceship' }],
    });
    expect(status).toBe(500);
    expect(body).toMatchObject({
      name: 'builtins.ValueError',
      message: "Wrong value for res.partner.type: 'spaceship'",
    });
    expect(await count([])).toBe(before);
    expect(await count([['name', '=', 'Rolled Back']])).toBe(0);
  });

  it('refuses a missing required value and a dangling many2one with ValidationError', async () => {
    const missing = await json2(odoo, 'res.users', 'create', { vals_list: [{ name: 'No Login' }] });
    expect(missing.status).toBe(422);
    expect(missing.body.name).toBe('odoo.exceptions.ValidationError');
    expect(missing.body.message).toContain('Field: Login (login)');
    const dangling = await json2(odoo, 'res.partner', 'create', {
      vals_list: [{ name: 'Orphan', parent_id: 99999 }],
    });
    expect(dangling.status).toBe(422);
    expect(dangling.body.name).toBe('odoo.exceptions.ValidationError');
    const contact = await json2(odoo, 'res.partner', 'create', {
      vals_list: [{ email: 'nameless@example.com' }],
    });
    expect(contact.body).toMatchObject({
      name: 'odoo.exceptions.ValidationError',
      message: 'Contacts require a name',
    });
  });

  it('refuses wrong types', async () => {
    const { status, body } = await json2(odoo, 'res.partner', 'create', {
      vals_list: [{ name: 'X', credit_limit: 'lots' }],
    });
    expect(status).toBe(500);
    expect(body.name).toBe('builtins.ValueError');
  });

  it('ignores writes to computed fields and bumps write_date on every write', async () => {
    odoo.emulator.setNow('2025-01-01 10:00:00');
    const [id] = (await json2(odoo, 'res.partner', 'create', { vals_list: [{ name: 'Clocked' }] }))
      .body as number[];
    odoo.emulator.setNow('2025-01-02 11:30:00');
    expect(
      (
        await json2(odoo, 'res.partner', 'write', {
          ids: [id],
          vals: { complete_name: 'Hacked', phone: '1' },
        })
      ).body,
    ).toBe(true);
    odoo.emulator.setNow(null);
    const { body } = await json2(odoo, 'res.partner', 'read', {
      ids: [id],
      fields: ['complete_name', 'create_date', 'write_date', 'phone'],
    });
    expect(body).toEqual([
      {
        id,
        complete_name: 'Clocked',
        create_date: '2025-01-01 10:00:00',
        write_date: '2025-01-02 11:30:00',
        phone: '1',
      },
    ]);
  });

  it('reads a deleted record as MissingError 404', async () => {
    const [id] = (await json2(odoo, 'res.partner', 'create', { vals_list: [{ name: 'Short Lived' }] }))
      .body as number[];
    expect((await json2(odoo, 'res.partner', 'unlink', { ids: [id] })).body).toBe(true);
    const { status, body } = await json2(odoo, 'res.partner', 'read', { ids: [id], fields: ['name'] });
    expect(status).toBe(404);
    expect(body.name).toBe('odoo.exceptions.MissingError');
  });

  it('applies one2many commands 0, 1, 2, 3, 4, 5 and 6', async () => {
    const children = async (id: number): Promise<string[]> => {
      const [parent] = (await json2(odoo, 'res.partner', 'read', { ids: [id], fields: ['child_ids'] })).body;
      const rows = (await json2(odoo, 'res.partner', 'read', { ids: parent.child_ids, fields: ['name'] }))
        .body as { name: string }[];
      return rows.map((r) => r.name).sort();
    };
    const [company] = (
      await json2(odoo, 'res.partner', 'create', {
        vals_list: [
          {
            name: 'Parent Co',
            is_company: true,
            child_ids: [
              [0, 0, { name: 'Ann' }],
              [0, 0, { name: 'Ben' }],
            ],
          },
        ],
      })
    ).body as number[];
    expect(await children(company!)).toEqual(['Ann', 'Ben']);
    const [ann, ben] = (
      await json2(odoo, 'res.partner', 'search', { domain: [['parent_id', '=', company]], order: 'name' })
    ).body as number[];
    const [loose] = (await json2(odoo, 'res.partner', 'create', { vals_list: [{ name: 'Cid' }] }))
      .body as number[];

    await json2(odoo, 'res.partner', 'write', {
      ids: [company],
      vals: {
        child_ids: [
          [1, ann, { name: 'Anna' }],
          [4, loose],
        ],
      },
    });
    expect(await children(company!)).toEqual(['Anna', 'Ben', 'Cid']);
    await json2(odoo, 'res.partner', 'write', {
      ids: [company],
      vals: {
        child_ids: [
          [3, ben],
          [2, loose],
        ],
      },
    });
    expect(await children(company!)).toEqual(['Anna']);
    expect(
      (await json2(odoo, 'res.partner', 'read', { ids: [ben], fields: ['parent_id'] })).body[0].parent_id,
    ).toBe(false);
    expect((await json2(odoo, 'res.partner', 'search', { domain: [['id', '=', loose]] })).body).toEqual([]);
    await json2(odoo, 'res.partner', 'write', { ids: [company], vals: { child_ids: [[6, 0, [ben]]] } });
    expect(await children(company!)).toEqual(['Ben']);
    await json2(odoo, 'res.partner', 'write', { ids: [company], vals: { child_ids: [[5]] } });
    expect(await children(company!)).toEqual([]);
  });

  it('detaches one2many children whose inverse is optional when the parent goes', () => {
    const env = odoo.emulator.env();
    const kg = env.create('uom.uom', { name: 'Tonne-test' });
    const child = env.create('uom.uom', { name: 'Sub-test', relative_uom_id: kg, relative_factor: 2 });
    expect(env.value('uom.uom', child, 'factor')).toBe(2);
    env.unlink('uom.uom', [kg]);
    expect(env.read('uom.uom', [child], ['relative_uom_id'])[0]!.relative_uom_id).toBe(false);
  });

  it('rolls back everything a failing business call did', () => {
    const env = odoo.emulator.env();
    const before = env.searchCount('res.partner', []);
    expect(() =>
      odoo.emulator.transaction(() => {
        env.create('res.partner', { name: 'Inside' });
        env.create('res.partner', { name: 'Inside Too' });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(env.searchCount('res.partner', [])).toBe(before);
  });
});
