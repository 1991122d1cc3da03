import { afterEach, describe, expect, it } from '@jest/globals';
import { withCorrelationId } from '../../../../platform/correlation.js';
import {
  OdooCircuitOpenError,
  OdooProtocolError,
  OdooRetryableError,
  OdooValidationError,
  USER_AGENT,
  where,
  type OdooCallEvent,
  type OdooClient,
  type OdooConfigInput,
} from '../../../../connectors/odoo/index.js';
import {
  clientOfPeer,
  startOdooPeer,
  type OdooPeer,
  type PeerAnswer,
  type PeerRequest,
} from './odoo-peer.js';

let peer: OdooPeer | undefined;

afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

async function setUp(
  answer: (request: PeerRequest, index: number) => PeerAnswer,
  config: Partial<OdooConfigInput> = {},
): Promise<{ peer: OdooPeer; client: OdooClient; calls: OdooCallEvent[] }> {
  peer = await startOdooPeer(answer);
  const calls: OdooCallEvent[] = [];
  const client = clientOfPeer(
    peer,
    { protocol: 'json2', retryInitialDelayMs: 5, retryMaxDelayMs: 20, ...config },
    calls,
  );
  return { peer, client, calls };
}

const unavailable: PeerAnswer = { status: 503, text: '<html><body>503 Service Unavailable</body></html>' };

describe('OdooClient over JSON-2', () => {
  it('posts named arguments with the documented headers and normalises the answer', async () => {
    const { peer, client, calls } = await setUp(() => ({
      json: [
        { id: 7, name: 'S00007', state: 'sale', partner_id: [3, 'Deco Addict'], client_order_ref: false },
      ],
    }));
    const orders = await withCorrelationId('corr-123', () =>
      client.searchRead('sale.order', {
        domain: where('state', 'in', ['sale']),
        fields: ['name', 'state', 'partner_id', 'client_order_ref'],
        limit: 80,
        order: 'id asc',
        context: { lang: 'en_US' },
      }),
    );

    expect(orders).toEqual([
      {
        id: 7,
        name: 'S00007',
        state: 'sale',
        partner_id: { id: 3, name: 'Deco Addict' },
        client_order_ref: null,
      },
    ]);
    const [request] = peer.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/json/2/sale.order/search_read' });
    expect(request?.headers).toMatchObject({
      authorization: 'bearer secret-key',
      'content-type': 'application/json; charset=utf-8',
      'x-odoo-database': 'acme',
      'user-agent': USER_AGENT,
      'x-correlation-id': 'corr-123',
    });
    expect(request?.body).toEqual({
      domain: [['state', 'in', ['sale']]],
      fields: ['name', 'state', 'partner_id', 'client_order_ref'],
      limit: 80,
      order: 'id asc',
      context: { lang: 'en_US' },
    });
    expect(calls).toEqual([
      {
        model: 'sale.order',
        method: 'search_read',
        protocol: 'json2',
        durationMs: expect.any(Number),
        outcome: 'ok',
        attempt: 1,
      },
    ]);
  });

  it('gives every call a correlation id, even without one in progress', async () => {
    const { peer, client } = await setUp(() => ({ json: 0 }));
    await client.searchCount('res.partner');
    expect(peer.requests[0]?.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reads many ids in one call, deduplicated, in the order asked, leaving out missing ones', async () => {
    const { peer, client } = await setUp(() => ({
      json: [
        { id: 5, name: 'Five' },
        { id: 3, name: 'Three' },
      ],
    }));
    const partners = await client.read('res.partner', [3, 9, 5, 3], ['name']);
    expect(partners).toEqual([
      { id: 3, name: 'Three' },
      { id: 5, name: 'Five' },
    ]);
    expect(peer.requests).toHaveLength(1);
    expect(peer.requests[0]?.path).toBe('/json/2/res.partner/read');
    expect(peer.requests[0]?.body).toEqual({ ids: [3, 9, 5], fields: ['name'] });
  });

  it('falls back to one search_read when a read hits a deleted record', async () => {
    const missing = {
      name: 'odoo.exceptions.MissingError',
      message: 'Record does not exist or has been deleted.',
      arguments: [],
      context: {},
      debug: '',
    };
    const { peer, client } = await setUp((request) =>
      request.path.endsWith('/read') ? { status: 404, json: missing } : { json: [{ id: 4, name: 'Four' }] },
    );
    await expect(client.read('res.partner', [4, 8], ['name'])).resolves.toEqual([{ id: 4, name: 'Four' }]);
    expect(peer.requests.map((request) => [request.path, request.body])).toEqual([
      ['/json/2/res.partner/read', { ids: [4, 8], fields: ['name'] }],
      [
        '/json/2/res.partner/search_read',
        { domain: [['id', 'in', [4, 8]]], fields: ['name'], context: { active_test: false } },
      ],
    ]);
  });

  it('asks for the currency of money fields and rounds to its decimal places', async () => {
    const { peer, client } = await setUp((request) =>
      request.path === '/json/2/res.currency/read'
        ? { json: [{ id: 25, decimal_places: 0 }] }
        : { json: [{ id: 1, amount_total: 1500.5, currency_id: [25, 'JPY'] }] },
    );
    const orders = await client.read('sale.order', [1], ['amount_total']);
    expect(orders).toEqual([{ id: 1, amount_total: '1501' }]);
    expect(peer.requests.map((request) => request.body)).toEqual([
      { ids: [1], fields: ['amount_total', 'currency_id'] },
      { ids: [25], fields: ['decimal_places'] },
    ]);
    await client.read('sale.order', [1], ['amount_total']);
    expect(peer.requests).toHaveLength(3); // the currency's precision is cached
  });

  it('retries a read after 503 and reports each attempt', async () => {
    const { peer, client, calls } = await setUp((_request, index) => (index < 2 ? unavailable : { json: 4 }));
    await expect(client.searchCount('sale.order', { domain: where('state', '=', 'draft') })).resolves.toBe(4);
    expect(peer.requests).toHaveLength(3);
    expect(calls.map(({ outcome, attempt }) => ({ outcome, attempt }))).toEqual([
      { outcome: 'ODOO_UNAVAILABLE', attempt: 1 },
      { outcome: 'ODOO_UNAVAILABLE', attempt: 2 },
      { outcome: 'ok', attempt: 3 },
    ]);
    expect(client.stats).toEqual({ calls: 1, attempts: 3, failures: 2 });
  });

  it('does not retry a create after 503', async () => {
    const { peer, client } = await setUp(() => unavailable);
    await expect(client.create('sale.order', [{ partner_id: 3 }])).rejects.toBeInstanceOf(OdooRetryableError);
    expect(peer.requests).toHaveLength(1);
    expect(peer.requests[0]?.body).toEqual({ vals_list: [{ partner_id: 3 }] });
  });

  it('retries a create flagged idempotent', async () => {
    const { peer, client } = await setUp((_request, index) => (index === 0 ? unavailable : { json: [42] }));
    await expect(
      client.create('sale.order', [{ client_order_ref: 'PO-1' }], { idempotent: true }),
    ).resolves.toEqual([42]);
    expect(peer.requests).toHaveLength(2);
  });

  it('never retries a business error', async () => {
    const body = {
      name: 'odoo.exceptions.UserError',
      message: 'A sale order must contain at least one product.',
      arguments: ['A sale order must contain at least one product.'],
      context: {},
      debug: '',
    };
    const { peer, client } = await setUp(() => ({ status: 422, json: body }));
    const failure = client.callMethod('sale.order', 'action_confirm', { ids: [7], idempotent: true });
    await expect(failure).rejects.toBeInstanceOf(OdooValidationError);
    await expect(failure).rejects.toMatchObject({
      odooName: 'odoo.exceptions.UserError',
      model: 'sale.order',
      method: 'action_confirm',
    });
    expect(peer.requests).toHaveLength(1);
    expect(peer.requests[0]?.body).toEqual({ ids: [7] });
  });

  it('times out a slow call as retryable', async () => {
    const { client } = await setUp(() => ({ json: 1, delayMs: 500 }), { timeoutMs: 50, retryAttempts: 0 });
    await expect(client.searchCount('res.partner')).rejects.toMatchObject({
      code: 'ODOO_UNAVAILABLE',
      message: 'Odoo did not answer after 50 ms',
    });
  });

  it('opens the circuit after consecutive failures, rejects fast, then half-opens', async () => {
    let healthy = false;
    const { peer, client } = await setUp(() => (healthy ? { json: 1 } : unavailable), {
      retryAttempts: 0,
      breakerThreshold: 2,
      breakerHalfOpenAfterMs: 150,
    });
    await expect(client.searchCount('res.partner')).rejects.toBeInstanceOf(OdooRetryableError);
    await expect(client.searchCount('res.partner')).rejects.toBeInstanceOf(OdooRetryableError);
    await expect(client.searchCount('res.partner')).rejects.toBeInstanceOf(OdooCircuitOpenError);
    expect(peer.requests).toHaveLength(2);

    healthy = true;
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(client.searchCount('res.partner')).resolves.toBe(1);
    await expect(client.searchCount('res.partner')).resolves.toBe(1);
    expect(peer.requests).toHaveLength(4);
  });

  it('does not count business errors towards opening the circuit', async () => {
    const body = {
      name: 'odoo.exceptions.AccessError',
      message: 'no',
      arguments: ['no'],
      context: {},
      debug: '',
    };
    const { peer, client } = await setUp(() => ({ status: 403, json: body }), { breakerThreshold: 1 });
    await expect(client.searchCount('res.partner')).rejects.toMatchObject({ code: 'ODOO_ACCESS_DENIED' });
    await expect(client.searchCount('res.partner')).rejects.toMatchObject({ code: 'ODOO_ACCESS_DENIED' });
    expect(peer.requests).toHaveLength(2);
  });

  it('keeps no more calls in flight than its concurrency limit', async () => {
    const { peer, client } = await setUp(() => ({ json: 1, delayMs: 40 }), { maxConcurrency: 2 });
    const counts = await Promise.all(Array.from({ length: 6 }, () => client.searchCount('res.partner')));
    expect(counts).toEqual([1, 1, 1, 1, 1, 1]);
    expect(peer.requests).toHaveLength(6);
    expect(peer.maxInFlight).toBe(2);
  });

  it('rejects an answer that is not JSON as a protocol error', async () => {
    const { client } = await setUp(() => ({ status: 200, text: '<html>login</html>' }));
    await expect(client.searchCount('res.partner')).rejects.toBeInstanceOf(OdooProtocolError);
  });

  it('rejects a wrong-typed field naming the model and field', async () => {
    const { client } = await setUp(() => ({ json: [{ id: 1, is_company: 'yes' }] }));
    await expect(client.read('res.partner', [1], ['is_company'])).rejects.toThrow(/res\.partner\.is_company/);
  });

  it('reports an unreachable server as retryable', async () => {
    const { client } = await setUp(() => ({ json: 1 }), { retryAttempts: 0 });
    await peer?.close();
    peer = undefined;
    await expect(client.searchCount('res.partner')).rejects.toMatchObject({
      code: 'ODOO_UNAVAILABLE',
      message: 'Odoo is unreachable (ECONNREFUSED)',
    });
  });
});
