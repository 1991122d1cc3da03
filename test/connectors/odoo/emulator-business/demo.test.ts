import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OdooEmulator } from '../../../../connectors/odoo/emulator/emulator.js';
import { seedDemoData } from '../../../../connectors/odoo/emulator/demo/index.js';
import { startOdooEmulator, type RunningOdooEmulator } from '../../../../connectors/odoo/emulator/server.js';
import type { Env } from '../../../../connectors/odoo/emulator/orm/model-def.js';

type Row = Record<string, any>;

function snapshot(env: Env): unknown {
  const orders = env.read('sale.order', env.search('sale.order', [], { order: 'id' }), [
    'name',
    'partner_id',
    'state',
    'date_order',
    'amount_total',
    'write_date',
  ]);
  const moves = env.read('account.move', env.search('account.move', [], { order: 'id' }), [
    'name',
    'state',
    'payment_state',
    'amount_residual',
    'invoice_date_due',
  ]);
  const quants = env.read('stock.quant', env.search('stock.quant', [], { order: 'id' }), [
    'product_id',
    'location_id',
    'quantity',
    'reserved_quantity',
  ]);
  const products = env.read('product.product', env.search('product.product', [], { order: 'id' }), [
    'default_code',
    'barcode',
    'list_price',
  ]);
  return { orders, moves, quants, products };
}

function distinct(env: Env, model: string, field: string): Set<unknown> {
  return new Set(env.search(model, []).map((id) => env.get(model, id)[field]));
}

describe('demo data', () => {
  let odoo: RunningOdooEmulator;

  beforeAll(async () => {
    odoo = await startOdooEmulator({ port: 0, demo: { scale: 1, seed: 42 } });
  });
  afterAll(async () => {
    await odoo.close();
  });

  async function json2(
    model: string,
    method: string,
    body: Record<string, unknown>,
  ): Promise<{ status: number; body: Row[] & Row }> {
    const res = await fetch(`${odoo.url}/json/2/${model}/${method}`, {
      method: 'POST',
      headers: { Authorization: `bearer ${odoo.apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Row[] & Row };
  }

  it('is deterministic: the same seed gives the same records', () => {
    const again = new OdooEmulator();
    seedDemoData(again, { scale: 1, seed: 42 });
    expect(snapshot(again.env())).toEqual(snapshot(odoo.emulator.env()));
    const other = new OdooEmulator();
    seedDemoData(other, { scale: 1, seed: 43 });
    expect(snapshot(other.env())).not.toEqual(snapshot(odoo.emulator.env()));
  });

  it('covers every order, delivery, invoice and payment state', () => {
    const env = odoo.emulator.env();
    expect(distinct(env, 'sale.order', 'state')).toEqual(new Set(['draft', 'sent', 'sale', 'cancel']));
    for (const s of ['pending', 'partial', 'full', false])
      expect(distinct(env, 'sale.order', 'delivery_status')).toContain(s);
    for (const s of ['no', 'to invoice', 'invoiced'])
      expect(distinct(env, 'sale.order', 'invoice_status')).toContain(s);
    for (const s of ['confirmed', 'assigned', 'done', 'cancel'])
      expect(distinct(env, 'stock.picking', 'state')).toContain(s);
    expect(env.search('stock.picking', [['backorder_id', '!=', false]]).length).toBeGreaterThan(0);
    for (const s of ['draft', 'posted']) expect(distinct(env, 'account.move', 'state')).toContain(s);
    for (const s of ['not_paid', 'partial', 'paid'])
      expect(distinct(env, 'account.move', 'payment_state')).toContain(s);
    const today = odoo.emulator.now().slice(0, 10);
    const overdue = env.search('account.move', [
      ['state', '=', 'posted'],
      ['payment_state', '!=', 'paid'],
      ['invoice_date_due', '<', today],
    ]);
    expect(overdue.length).toBeGreaterThan(0);
    const dates = env.search('sale.order', []).map((id) => String(env.get('sale.order', id).create_date));
    const oldest = Date.parse(`${dates.sort()[0]!.slice(0, 10)}T00:00:00Z`);
    expect((Date.parse(`${today}T00:00:00Z`) - oldest) / 86_400_000).toBeGreaterThan(150);
    expect(env.searchCount('product.product', [])).toBeGreaterThanOrEqual(120);
    expect(
      env.searchCount('res.partner', [
        ['customer_rank', '>', 0],
        ['is_company', '=', true],
      ]),
    ).toBe(40);
  });

  it('keeps stock consistent: on hand per warehouse is the sum of quants, reserved the sum of move lines', () => {
    const env = odoo.emulator.env();
    for (const wh of env.search('stock.warehouse', [])) {
      const location = env.get('stock.warehouse', wh).lot_stock_id as number;
      const products = env.search('product.product', [['is_storable', '=', true]], { limit: 15 });
      const figures = env
        .withContext({ warehouse: wh })
        .read('product.product', products, ['qty_available', 'free_qty']) as Row[];
      for (const p of figures) {
        const quants = env
          .search('stock.quant', [
            ['product_id', '=', p.id],
            ['location_id', '=', location],
          ])
          .map((q) => env.get('stock.quant', q));
        const sum = quants.reduce((s, q) => s + (q.quantity as number), 0);
        const reserved = quants.reduce((s, q) => s + (q.reserved_quantity as number), 0);
        expect(p.qty_available).toBeCloseTo(sum, 4);
        expect(p.free_qty).toBeCloseTo(sum - reserved, 4);
      }
    }
    const reservedQuants = env
      .search('stock.quant', [])
      .reduce((s, q) => s + (env.get('stock.quant', q).reserved_quantity as number), 0);
    const openLines = env
      .search('stock.move.line', [])
      .filter((l) => !['done', 'cancel'].includes(String(env.value('stock.move.line', l, 'state'))));
    const reservedLines = openLines.reduce(
      (s, l) => s + (env.get('stock.move.line', l).quantity as number),
      0,
    );
    expect(reservedQuants).toBeCloseTo(reservedLines, 4);
    expect(env.search('stock.quant', [['reserved_quantity', '<', 0]])).toEqual([]);
  });

  it('serves the flow over JSON-2: confirm a quotation, read its delivery, refuse a cancelled order', async () => {
    const drafts = await json2('sale.order', 'search_read', {
      domain: [['state', '=', 'draft']],
      fields: ['name', 'amount_total'],
      limit: 1,
    });
    expect(drafts.status).toBe(200);
    const draft = drafts.body[0]!;
    const confirmed = await json2('sale.order', 'action_confirm', {
      ids: [draft.id],
      context: { lang: 'en_US' },
    });
    expect(confirmed).toEqual({ status: 200, body: true });
    const order = (
      await json2('sale.order', 'read', { ids: [draft.id], fields: ['state', 'picking_ids', 'warehouse_id'] })
    ).body[0]!;
    expect(order.state).toBe('sale');
    const pickings = await json2('stock.picking', 'read', {
      ids: order.picking_ids,
      fields: ['name', 'origin', 'state'],
    });
    expect(pickings.body[0]!.origin).toBe(draft.name);
    expect(pickings.body[0]!.name).toMatch(/^(CHI|DAL|NWK)\/OUT\/\d{5}$/);
    const [cancelled] = (
      await json2('sale.order', 'search', { domain: [['state', '=', 'cancel']], limit: 1 })
    ).body;
    const refused = await json2('sale.order', 'action_confirm', { ids: [cancelled] });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      name: 'odoo.exceptions.UserError',
      message: 'Some orders are not in a state requiring confirmation.',
    });
  });
});
