import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { executeKw, json2, jsonrpc, start, type RunningOdooEmulator } from './support.js';

describe('Odoo emulator wire protocols', () => {
  let odoo: RunningOdooEmulator;

  beforeAll(async () => {
    odoo = await start();
    const env = odoo.emulator.env();
    const acme = env.create('res.partner', {
      name: 'Acme Wholesale',
      is_company: true,
      ref: 'ACME',
      customer_rank: 1,
    });
    env.create('res.partner', { name: 'Jane Buyer', parent_id: acme, email: 'jane@acme.example' });
  });
  afterAll(() => odoo.close());

  it('answers /web/version without a key', async () => {
    const response = await fetch(`${odoo.url}/web/version`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ version_info: [19, 0, 0, 'final', 0, ''], version: '19.0' });
  });

  it('answers common.version over JSON-RPC', async () => {
    const { body } = await jsonrpc(odoo, 'common', 'version', []);
    expect(body).toEqual({
      jsonrpc: '2.0',
      id: 42,
      result: {
        server_version: '19.0',
        server_version_info: [19, 0, 0, 'final', 0, ''],
        server_serie: '19.0',
        protocol_version: 1,
      },
    });
  });

  it('returns the same records from JSON-2 and JSON-RPC search_read', async () => {
    const domain = [['customer_rank', '>', 0]];
    const fields = ['name', 'ref', 'parent_id', 'child_ids', 'email', 'write_date'];
    const viaJson2 = await json2(odoo, 'res.partner', 'search_read', { domain, fields, order: 'id' });
    const viaRpc = await executeKw(odoo, 'res.partner', 'search_read', [domain, fields], { order: 'id' });
    expect(viaJson2.status).toBe(200);
    expect(viaRpc.body.result).toEqual(viaJson2.body);
    expect(viaJson2.body).toEqual([
      expect.objectContaining({
        name: 'Acme Wholesale',
        ref: 'ACME',
        parent_id: false,
        email: false,
        child_ids: [expect.any(Number)],
      }),
    ]);
    expect(viaJson2.body[0].write_date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('reads many2one as [id, display_name]', async () => {
    const { body } = await json2(odoo, 'res.partner', 'search_read', {
      domain: [['email', '=', 'jane@acme.example']],
      fields: ['parent_id', 'display_name'],
    });
    expect(body).toEqual([
      {
        id: expect.any(Number),
        parent_id: [expect.any(Number), 'Acme Wholesale'],
        display_name: 'Acme Wholesale, Jane Buyer',
      },
    ]);
  });

  it('authenticates with the API key as JSON-RPC password', async () => {
    const { body } = await jsonrpc(odoo, 'common', 'authenticate', [
      odoo.database,
      odoo.login,
      odoo.apiKey,
      {},
    ]);
    expect(body.result).toBe(odoo.emulator.base.botUid);
    const refused = await jsonrpc(odoo, 'common', 'authenticate', [odoo.database, odoo.login, 'wrong', {}]);
    expect(refused.body.result).toBe(false);
  });

  it('refuses a wrong key with 401 and Odoo body', async () => {
    const { status, body } = await json2(
      odoo,
      'res.partner',
      'search',
      { domain: [] },
      { Authorization: 'bearer nope' },
    );
    expect(status).toBe(401);
    expect(body).toEqual({
      name: 'werkzeug.exceptions.Unauthorized',
      message: 'Invalid apikey',
      arguments: ['Invalid apikey', 401],
      context: {},
      debug: expect.any(String),
    });
  });

  it('refuses a missing key with 401', async () => {
    const response = await fetch(`${odoo.url}/json/2/res.partner/search`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"domain": []}',
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(((await response.json()) as { message: string }).message).toBe(
      'User not authenticated, use the "Authorization" header',
    );
  });

  it('refuses execute_kw with a bad password as AccessDenied in a 200 envelope', async () => {
    const { status, body } = await jsonrpc(odoo, 'object', 'execute_kw', [
      odoo.database,
      3,
      'bad',
      'res.partner',
      'search',
      [[]],
      {},
    ]);
    expect(status).toBe(200);
    expect(body).toEqual({
      jsonrpc: '2.0',
      id: 42,
      error: {
        code: 200,
        message: 'Odoo Server Error',
        data: expect.objectContaining({ name: 'odoo.exceptions.AccessDenied', message: 'Access Denied' }),
      },
    });
  });

  it('answers 422 for an unexpected keyword argument', async () => {
    const { status, body } = await json2(odoo, 'res.partner', 'search', { domain: [], colour: 'red' });
    expect(status).toBe(422);
    expect(body).toMatchObject({
      name: 'werkzeug.exceptions.UnprocessableEntity',
      message: "got an unexpected keyword argument 'colour'",
    });
  });

  it('answers 422 for ids on a model method', async () => {
    const { status, body } = await json2(odoo, 'res.partner', 'search_read', { ids: [1], domain: [] });
    expect(status).toBe(422);
    expect(body.message).toBe('cannot call res.partner.search_read with ids');
  });

  it('refuses private methods with AccessError 403', async () => {
    const { status, body } = await json2(odoo, 'res.partner', '_compute_display_name', {});
    expect(status).toBe(403);
    expect(body).toMatchObject({
      name: 'odoo.exceptions.AccessError',
      message: "Private methods (such as 'res.partner._compute_display_name') cannot be called remotely.",
    });
    const rpc = await executeKw(odoo, 'res.partner', '_read', [[1]]);
    expect(rpc.body.error.data.name).toBe('odoo.exceptions.AccessError');
  });

  it('answers 404 for an unknown model or method', async () => {
    const model = await json2(odoo, 'res.nothing', 'search', { domain: [] });
    expect(model.status).toBe(404);
    expect(model.body).toMatchObject({
      name: 'werkzeug.exceptions.NotFound',
      message: "the model 'res.nothing' does not exist",
    });
    const method = await json2(odoo, 'res.partner', 'fly', {});
    expect(method.status).toBe(404);
    expect(method.body.message).toBe("The method 'res.partner.fly' does not exist");
    const rpc = await executeKw(odoo, 'res.nothing', 'search', [[]]);
    expect(rpc.body.error.data).toMatchObject({
      name: 'odoo.exceptions.UserError',
      message: "Object res.nothing doesn't exist",
    });
  });

  it('refuses an unknown field with a ValueError', async () => {
    const read = await json2(odoo, 'res.partner', 'search_read', { domain: [], fields: ['shoe_size'] });
    expect(read.status).toBe(500);
    expect(read.body).toMatchObject({
      name: 'builtins.ValueError',
      message: "Invalid field 'shoe_size' on model 'res.partner'",
    });
    const search = await json2(odoo, 'res.partner', 'search', { domain: [['shoe_size', '=', 1]] });
    expect(search.body.name).toBe('builtins.ValueError');
  });

  it('refuses an unknown database', async () => {
    const viaJson2 = await json2(
      odoo,
      'res.partner',
      'search',
      { domain: [] },
      { 'X-Odoo-Database': 'other' },
    );
    expect(viaJson2.status).toBe(404);
    const ok = await json2(
      odoo,
      'res.partner',
      'search',
      { domain: [] },
      { 'X-Odoo-Database': odoo.database },
    );
    expect(ok.status).toBe(200);
    const viaRpc = await jsonrpc(odoo, 'common', 'authenticate', ['other', odoo.login, odoo.apiKey, {}]);
    expect(viaRpc.body.error.data.name).toBe('psycopg2.OperationalError');
  });

  it("returns the user's context from res.users/context_get", async () => {
    const { status, body } = await json2(odoo, 'res.users', 'context_get');
    expect(status).toBe(200);
    expect(body).toEqual({ lang: 'en_US', tz: 'Europe/Brussels', uid: odoo.emulator.base.botUid });
  });

  it('creates through both protocols with their return shapes', async () => {
    const viaJson2 = await json2(odoo, 'res.partner', 'create', {
      vals_list: [{ name: 'Created A' }, { name: 'Created B' }],
    });
    expect(viaJson2.body).toEqual([expect.any(Number), expect.any(Number)]);
    const single = await executeKw(odoo, 'res.partner', 'create', [{ name: 'Created C' }]);
    expect(single.body.result).toEqual(expect.any(Number));
    const list = await executeKw(odoo, 'res.partner', 'create', [[{ name: 'Created D' }]]);
    expect(list.body.result).toEqual([expect.any(Number)]);
    const written = await json2(odoo, 'res.partner', 'write', {
      ids: viaJson2.body,
      vals: { phone: '+32 2 000 00 00' },
    });
    expect(written.body).toBe(true);
    const read = await executeKw(odoo, 'res.partner', 'read', [viaJson2.body, ['phone']]);
    expect(read.body.result).toEqual(
      (viaJson2.body as number[]).map((id) => ({ id, phone: '+32 2 000 00 00' })),
    );
  });

  it('describes fields with fields_get', async () => {
    const { body } = await json2(odoo, 'res.partner', 'fields_get', {
      allfields: ['name', 'parent_id', 'type', 'child_ids'],
      attributes: ['type', 'string', 'required', 'readonly', 'relation', 'selection', 'relation_field'],
    });
    expect(body).toEqual({
      name: { type: 'char', string: 'Name', required: false, readonly: false },
      parent_id: {
        type: 'many2one',
        string: 'Related Company',
        required: false,
        readonly: false,
        relation: 'res.partner',
      },
      type: {
        type: 'selection',
        string: 'Address Type',
        required: false,
        readonly: false,
        selection: [
          ['contact', 'Contact'],
          ['invoice', 'Invoice Address'],
          ['delivery', 'Delivery Address'],
          ['other', 'Other Address'],
        ],
      },
      child_ids: {
        type: 'one2many',
        string: 'Contact',
        required: false,
        readonly: false,
        relation: 'res.partner',
        relation_field: 'parent_id',
      },
    });
  });

  it('answers name_search with [id, display_name] pairs', async () => {
    const { body } = await json2(odoo, 'res.partner', 'name_search', { name: 'acme', limit: 5 });
    expect(body).toContainEqual([expect.any(Number), 'Acme Wholesale']);
  });
});
