import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { json2, start, type RunningOdooEmulator } from './support.js';

describe('Odoo emulator reads with a specification (web_read, web_search_read)', () => {
  let odoo: RunningOdooEmulator;
  let company: number;
  let contacts: number[];
  let loner: number;

  beforeAll(async () => {
    odoo = await start();
    company = (
      (
        await json2(odoo, 'res.partner', 'create', {
          vals_list: [{ name: 'Spec Wholesale', is_company: true }],
        })
      ).body as number[]
    )[0]!;
    contacts = (
      await json2(odoo, 'res.partner', 'create', {
        vals_list: ['Ann', 'Cleo', 'Bea'].map((name) => ({ name, parent_id: company })),
      })
    ).body as number[];
    loner = (
      (await json2(odoo, 'res.partner', 'create', { vals_list: [{ name: 'Loner' }] })).body as number[]
    )[0]!;
  });
  afterAll(() => odoo.close());

  const inIds = (ids: number[]) => [['id', 'in', ids]];

  it('reads a many2one as its id, as {id}, or as the co-record with the fields asked of it', async () => {
    const ids = [contacts[0]!, loner];
    const bare = await json2(odoo, 'res.partner', 'web_search_read', {
      domain: inIds(ids),
      specification: { name: {}, parent_id: {} },
      order: 'id',
    });
    expect(bare.body).toEqual({
      length: 2,
      records: [
        { id: contacts[0], name: 'Ann', parent_id: company },
        { id: loner, name: 'Loner', parent_id: false },
      ],
    });
    const nested = await json2(odoo, 'res.partner', 'web_read', {
      ids,
      specification: { parent_id: { fields: { display_name: {}, is_company: {} } } },
    });
    expect(nested.body).toEqual([
      { id: contacts[0], parent_id: { id: company, display_name: 'Spec Wholesale', is_company: true } },
      { id: loner, parent_id: false },
    ]);
    const idOnly = await json2(odoo, 'res.partner', 'web_read', {
      ids: [contacts[0]],
      specification: { parent_id: { fields: {} } },
    });
    expect(idOnly.body).toEqual([{ id: contacts[0], parent_id: { id: company } }]);
  });

  it('reads an x2many as its co-records, sorted by `order`, with fields read for the first `limit` only', async () => {
    const { body } = await json2(odoo, 'res.partner', 'web_read', {
      ids: [company],
      specification: { child_ids: { fields: { name: {} }, order: 'name desc', limit: 2 } },
    });
    const [ann, cleo, bea] = contacts as [number, number, number];
    expect(body).toEqual([
      { id: company, child_ids: [{ id: cleo, name: 'Cleo' }, { id: bea, name: 'Bea' }, { id: ann }] },
    ]);
    const ids = await json2(odoo, 'res.partner', 'web_read', {
      ids: [company],
      specification: { child_ids: {} },
    });
    expect(ids.body).toEqual([{ id: company, child_ids: expect.arrayContaining(contacts) }]);
  });

  it('answers the length of the whole search when the page is full, and of what it holds otherwise', async () => {
    const page = (body: Record<string, unknown>) =>
      json2(odoo, 'res.partner', 'web_search_read', {
        domain: [['parent_id', '=', company]],
        specification: { name: {} },
        order: 'name',
        ...body,
      });
    const full = await page({ limit: 2 });
    expect(full.body).toEqual({
      length: 3,
      records: [
        { id: contacts[0], name: 'Ann' },
        { id: contacts[2], name: 'Bea' },
      ],
    });
    expect((await page({ limit: 2, offset: 2 })).body).toEqual({
      length: 3,
      records: [{ id: contacts[1], name: 'Cleo' }],
    });
    expect((await page({ limit: 2, count_limit: 2 })).body).toMatchObject({ length: 2 });
    expect((await page({ domain: [['id', '=', -1]] })).body).toEqual({ length: 0, records: [] });
  });

  it('refuses a specification that is not a dict of dicts, and an unknown field, as Odoo does', async () => {
    const list = await json2(odoo, 'res.partner', 'web_search_read', { domain: [], specification: ['name'] });
    expect(list.status).toBe(500);
    expect(list.body).toMatchObject({ name: 'builtins.AttributeError' });
    const unknown = await json2(odoo, 'res.partner', 'web_read', {
      ids: [loner],
      specification: { no_such_field: {} },
    });
    expect(unknown.status).toBe(500);
    expect(unknown.body).toMatchObject({
      name: 'builtins.ValueError',
      message: "Invalid field 'no_such_field' on model 'res.partner'",
    });
    const missing = await json2(odoo, 'res.partner', 'web_search_read', { domain: [] });
    expect(missing.status).toBe(422);
  });

  it('finds invoices through their lines to the sale orders they bill', async () => {
    const demo = await start({ demo: { scale: 1, seed: 1 } });
    try {
      const orders = (
        await json2(demo, 'sale.order', 'search_read', {
          domain: [['invoice_ids', '!=', false]],
          fields: ['invoice_ids'],
          limit: 3,
          order: 'id',
        })
      ).body as { id: number; invoice_ids: number[] }[];
      expect(orders).toHaveLength(3);
      const { body } = await json2(demo, 'account.move', 'web_search_read', {
        domain: [['invoice_line_ids.sale_line_ids.order_id', 'in', orders.map((o) => o.id)]],
        specification: { invoice_line_ids: { fields: { sale_line_ids: { fields: { order_id: {} } } } } },
      });
      const billed = new Map<number, Set<number>>();
      for (const move of body.records as {
        id: number;
        invoice_line_ids: { sale_line_ids: { order_id: number }[] }[];
      }[])
        for (const line of move.invoice_line_ids)
          for (const saleLine of line.sale_line_ids)
            billed.set(saleLine.order_id, (billed.get(saleLine.order_id) ?? new Set()).add(move.id));
      for (const order of orders)
        expect([...(billed.get(order.id) ?? [])].sort()).toEqual([...order.invoice_ids].sort());
    } finally {
      await demo.close();
    }
  });
});
