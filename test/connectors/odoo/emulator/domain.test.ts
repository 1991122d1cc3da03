import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { json2, start, type RunningOdooEmulator } from './support.js';

/** Partners under test all carry a `T-` ref, so the base data never leaks into the answers. */
const SCOPE = ['ref', '=like', 'T-%'];

describe('Odoo emulator domains', () => {
  let odoo: RunningOdooEmulator;
  const ids: Record<string, number> = {};

  async function names(domain: unknown[], extra: Record<string, unknown> = {}): Promise<string[]> {
    const { status, body } = await json2(odoo, 'res.partner', 'search_read', {
      domain: [SCOPE, ...domain],
      fields: ['name'],
      order: 'name',
      ...extra,
    });
    expect(status).toBe(200);
    return (body as { name: string }[]).map((r) => r.name);
  }

  beforeAll(async () => {
    odoo = await start();
    const env = odoo.emulator.env();
    const be = odoo.emulator.base.countryIds.BE!;
    const fr = odoo.emulator.base.countryIds.FR!;
    ids.alpha = env.create('res.partner', {
      name: 'Alpha',
      ref: 'T-1',
      is_company: true,
      country_id: be,
      credit_limit: 1000,
      customer_rank: 3,
    });
    ids.beta = env.create('res.partner', {
      name: 'Beta',
      ref: 'T-2',
      is_company: true,
      country_id: fr,
      credit_limit: 500,
      email: 'beta@example.com',
    });
    ids.gamma = env.create('res.partner', {
      name: 'gamma',
      ref: 'T-3',
      parent_id: ids.alpha,
      email: 'g@alpha.example',
    });
    ids.delta = env.create('res.partner', {
      name: 'Delta',
      ref: 'T-4',
      parent_id: ids.gamma,
      type: 'contact',
    });
    ids.omega = env.create('res.partner', { name: 'Omega', ref: 'T-5', active: false });
  });
  afterAll(() => odoo.close());

  it('implicitly ANDs terms', async () => {
    expect(
      await names([
        ['is_company', '=', true],
        ['credit_limit', '>', 600],
      ]),
    ).toEqual(['Alpha']);
  });

  it("supports '|' and '!'", async () => {
    expect(await names(['|', ['name', '=', 'Alpha'], ['name', '=', 'Beta']])).toEqual(['Alpha', 'Beta']);
    expect(await names(['!', ['is_company', '=', true]])).toEqual(['Delta', 'gamma']);
    expect(await names(['!', '|', ['name', '=', 'Alpha'], ['name', '=', 'Beta']])).toEqual([
      'Delta',
      'gamma',
    ]);
  });

  it('compares with =, !=, >, >=, <, <=', async () => {
    expect(await names([['name', '=', 'Beta']])).toEqual(['Beta']);
    expect(await names([['name', '!=', 'Beta']])).toEqual(['Alpha', 'Delta', 'gamma']);
    expect(await names([['credit_limit', '>=', 500]])).toEqual(['Alpha', 'Beta']);
    expect(await names([['credit_limit', '<', 500]])).toEqual(['Delta', 'gamma']);
    expect(
      await names([
        ['credit_limit', '<=', 500],
        ['credit_limit', '>', 0],
      ]),
    ).toEqual(['Beta']);
  });

  it('matches empty values with = False and excludes them with != False', async () => {
    expect(await names([['email', '=', false]])).toEqual(['Alpha', 'Delta']);
    expect(await names([['email', '!=', false]])).toEqual(['Beta', 'gamma']);
    expect(await names([['parent_id', '=', false]])).toEqual(['Alpha', 'Beta']);
  });

  it('supports in and not in, including False', async () => {
    expect(await names([['id', 'in', [ids.alpha, ids.delta]]])).toEqual(['Alpha', 'Delta']);
    expect(await names([['parent_id', 'in', [ids.alpha, false]]])).toEqual(['Alpha', 'Beta', 'gamma']);
    expect(await names([['id', 'not in', [ids.alpha, ids.delta]]])).toEqual(['Beta', 'gamma']);
  });

  it('supports like, ilike, =like, =ilike and their negations', async () => {
    expect(await names([['name', 'like', 'a']])).toEqual(['Alpha', 'Beta', 'Delta', 'gamma']);
    expect(await names([['name', 'like', 'G']])).toEqual([]);
    expect(await names([['name', 'ilike', 'G']])).toEqual(['gamma']);
    expect(await names([['name', '=like', 'A%']])).toEqual(['Alpha']);
    expect(await names([['name', '=ilike', 'GAMM_']])).toEqual(['gamma']);
    expect(await names([['email', 'not ilike', 'example']])).toEqual(['Alpha', 'Delta']);
  });

  it('supports child_of and parent_of through parent_id', async () => {
    expect(await names([['id', 'child_of', ids.alpha]])).toEqual(['Alpha', 'Delta', 'gamma']);
    expect(await names([['id', 'parent_of', [ids.delta]]])).toEqual(['Alpha', 'Delta', 'gamma']);
    expect(await names([['parent_id', 'child_of', ids.gamma]])).toEqual(['Delta']);
  });

  it("supports '=?'", async () => {
    expect(await names([['name', '=?', false]])).toEqual(['Alpha', 'Beta', 'Delta', 'gamma']);
    expect(await names([['name', '=?', 'Beta']])).toEqual(['Beta']);
  });

  it('follows dotted paths through many2one and one2many', async () => {
    expect(await names([['country_id.code', '=', 'BE']])).toEqual(['Alpha']);
    expect(await names([['parent_id.parent_id.name', '=', 'Alpha']])).toEqual(['Delta']);
    expect(await names([['child_ids.email', 'ilike', 'alpha.example']])).toEqual(['Alpha']);
    expect(await names([['parent_id.name', '!=', 'Alpha']])).toEqual(['Alpha', 'Beta', 'Delta']);
    // Through a one2many, with `=` or `in` (the search starts from the matching children's parents).
    expect(await names([['child_ids.name', 'in', ['gamma', 'Delta']]])).toEqual(['Alpha', 'gamma']);
    expect(await names([['child_ids.child_ids.name', '=', 'Delta']])).toEqual(['Alpha']);
    expect(await names([['child_ids.name', '=', 'Beta']])).toEqual([]);
  });

  it('supports any on relations', async () => {
    expect(await names([['child_ids', 'any', [['name', '=', 'Delta']]]])).toEqual(['gamma']);
  });

  it('hides archived records unless the domain or context asks for them', async () => {
    expect(await names([['name', '=', 'Omega']])).toEqual([]);
    expect(await names([['active', '=', false]])).toEqual(['Omega']);
    expect(await names([['name', '=', 'Omega']], { context: { active_test: false } })).toEqual(['Omega']);
  });

  it('orders, limits and offsets', async () => {
    const scoped = { domain: [SCOPE, ['is_company', '=', true]], fields: ['name'] };
    const desc = await json2(odoo, 'res.partner', 'search_read', {
      ...scoped,
      order: 'credit_limit desc, id',
    });
    expect((desc.body as { name: string }[]).map((r) => r.name)).toEqual(['Alpha', 'Beta']);
    const page = await json2(odoo, 'res.partner', 'search', {
      domain: [SCOPE],
      order: 'name desc',
      limit: 2,
      offset: 1,
    });
    expect(page.body).toEqual([ids.delta, ids.beta]);
    const count = await json2(odoo, 'res.partner', 'search_count', { domain: [SCOPE] });
    expect(count.body).toBe(4);
  });

  it('refuses malformed domains and orders with a ValueError', async () => {
    for (const domain of [
      [['name', 'resembles', 'x']],
      ['|', ['name', '=', 'x']],
      [['name', '=']],
      'name = x',
    ]) {
      const { status, body } = await json2(odoo, 'res.partner', 'search', { domain });
      expect(status).toBe(500);
      expect(body.name).toBe('builtins.ValueError');
    }
    const order = await json2(odoo, 'res.partner', 'search', { domain: [], order: 'colour desc' });
    expect(order.body.name).toBe('builtins.ValueError');
  });

  // Last: it archives a partner that the tests above must not see.
  it('does not follow a one2many to an archived child', async () => {
    odoo.emulator
      .env()
      .create('res.partner', { name: 'Sigma', ref: 'T-9', parent_id: ids.beta, active: false });
    expect(await names([['child_ids.name', '=', 'Sigma']])).toEqual([]);
    expect(await names([['child_ids.name', 'in', ['Sigma', 'gamma']]])).toEqual(['Alpha']);
  });
});
