import { afterEach, describe, expect, it } from '@jest/globals';
import {
  OdooAuthenticationError,
  OdooValidationError,
  type OdooClient,
  type OdooConfigInput,
} from '../../../../connectors/odoo/index.js';
import {
  clientOfPeer,
  rpcResult,
  startOdooPeer,
  webVersion,
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
): Promise<{ peer: OdooPeer; client: OdooClient }> {
  peer = await startOdooPeer(answer);
  const client = clientOfPeer(peer, {
    login: 'bot@acme.example',
    protocol: 'jsonrpc',
    retryInitialDelayMs: 5,
    ...config,
  });
  return { peer, client };
}

type RpcBody = { id: number; params: { service: string; method: string; args: unknown[] } };
const params = (request: PeerRequest | undefined): RpcBody['params'] | undefined =>
  (request?.body as RpcBody | undefined)?.params;

/** A scripted Odoo 18: authenticate answers uid 2, execute_kw answers from `execute`. */
function odoo18(execute: (args: unknown[], request: PeerRequest) => PeerAnswer) {
  return (request: PeerRequest): PeerAnswer => {
    if (request.path === '/web/version') return webVersion(18);
    const call = params(request);
    if (call?.service === 'common' && call.method === 'authenticate') return rpcResult(request, 2);
    return execute(call?.args ?? [], request);
  };
}

describe('OdooClient over JSON-RPC', () => {
  it('authenticates once, then calls execute_kw with ids positional and the rest as kwargs', async () => {
    const { peer, client } = await setUp(
      odoo18((_args, request) => rpcResult(request, [{ id: 3, name: 'Deco Addict', is_company: true }])),
    );
    await client.read('res.partner', [3], ['name', 'is_company'], { lang: 'en_US' });
    await client.searchRead('res.partner', { fields: ['name'], limit: 5 });

    expect(peer.requests.map((request) => request.path)).toEqual(['/jsonrpc', '/jsonrpc', '/jsonrpc']);
    expect(peer.requests[0]?.body).toEqual({
      jsonrpc: '2.0',
      method: 'call',
      id: expect.any(Number),
      params: {
        service: 'common',
        method: 'authenticate',
        args: ['acme', 'bot@acme.example', 'secret-key', {}],
      },
    });
    expect(params(peer.requests[1])).toEqual({
      service: 'object',
      method: 'execute_kw',
      args: [
        'acme',
        2,
        'secret-key',
        'res.partner',
        'read',
        [[3]],
        { fields: ['name', 'is_company'], context: { lang: 'en_US' } },
      ],
    });
    expect(params(peer.requests[2])?.args).toEqual([
      'acme',
      2,
      'secret-key',
      'res.partner',
      'search_read',
      [],
      { domain: [], fields: ['name'], limit: 5 },
    ]);
  });

  it('passes create values positionally, as Odoo up to 17 requires', async () => {
    const { peer, client } = await setUp(odoo18((_args, request) => rpcResult(request, [11])));
    await expect(
      client.create('res.partner', [{ name: 'New' }], { context: { lang: 'fr_BE' } }),
    ).resolves.toEqual([11]);
    expect(params(peer.requests[1])?.args.slice(4)).toEqual([
      'create',
      [[{ name: 'New' }]],
      { context: { lang: 'fr_BE' } },
    ]);
  });

  it('reads a result Odoo left out (a method returning None) as null', async () => {
    const { client } = await setUp(
      odoo18((_args, request) => ({ json: { jsonrpc: '2.0', id: (request.body as RpcBody).id } })),
    );
    await expect(client.callMethod('sale.order', 'action_confirm', { ids: [7] })).resolves.toBeNull();
  });

  it('turns an error envelope (HTTP 200) into a typed error', async () => {
    const { client } = await setUp(
      odoo18((_args, request) => ({
        json: {
          jsonrpc: '2.0',
          id: (request.body as RpcBody).id,
          error: {
            code: 200,
            message: 'Odoo Server Error',
            data: {
              name: 'odoo.exceptions.ValidationError',
              debug: 'Traceback (most recent call last):\n...',
              message: 'The customer reference must be unique.',
              arguments: ['The customer reference must be unique.'],
              context: {},
            },
          },
        },
      })),
    );
    await expect(client.write('sale.order', [7], { client_order_ref: 'PO-1' })).rejects.toMatchObject({
      code: 'ODOO_VALIDATION',
      odooName: 'odoo.exceptions.ValidationError',
      message: 'The customer reference must be unique.',
      model: 'sale.order',
      method: 'write',
    });
    await expect(client.write('sale.order', [7], {})).rejects.toBeInstanceOf(OdooValidationError);
  });

  it('fails with an authentication error when Odoo refuses the login', async () => {
    const { peer, client } = await setUp((request) => rpcResult(request, false));
    await expect(client.searchCount('res.partner')).rejects.toBeInstanceOf(OdooAuthenticationError);
    expect(peer.requests).toHaveLength(1);
  });

  it('logs in again once when a cached uid is refused', async () => {
    let executions = 0;
    const accessDenied = (request: PeerRequest): PeerAnswer => ({
      json: {
        jsonrpc: '2.0',
        id: (request.body as RpcBody).id,
        error: {
          code: 200,
          message: 'Odoo Server Error',
          data: {
            name: 'odoo.exceptions.AccessDenied',
            message: 'Access Denied',
            arguments: ['Access Denied'],
            context: {},
            debug: '',
          },
        },
      },
    });
    const { peer, client } = await setUp(
      odoo18((_args, request) => {
        executions += 1;
        return executions === 2 ? accessDenied(request) : rpcResult(request, executions);
      }),
    );
    await expect(client.searchCount('res.partner')).resolves.toBe(1);
    await expect(client.searchCount('res.partner')).resolves.toBe(3);
    expect(peer.requests.map((request) => params(request)?.method)).toEqual([
      'authenticate',
      'execute_kw',
      'execute_kw',
      'authenticate',
      'execute_kw',
    ]);
  });
});

describe("OdooClient protocol 'auto'", () => {
  it('speaks JSON-RPC to Odoo 18', async () => {
    const { peer, client } = await setUp(
      odoo18((_args, request) => rpcResult(request, 5)),
      { protocol: 'auto' },
    );
    await expect(client.searchCount('res.partner')).resolves.toBe(5);
    await expect(client.searchCount('res.partner')).resolves.toBe(5);
    expect(await client.protocol()).toBe('jsonrpc');
    expect(peer.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /web/version',
      'POST /jsonrpc',
      'POST /jsonrpc',
      'POST /jsonrpc',
    ]);
  });

  it('speaks JSON-2 to Odoo 19, probing the version once', async () => {
    const { peer, client } = await setUp(
      (request) => (request.path === '/web/version' ? webVersion(19) : { json: 5 }),
      { protocol: 'auto' },
    );
    await Promise.all([client.searchCount('res.partner'), client.searchCount('sale.order')]);
    expect(await client.version()).toEqual({
      version: '19.0',
      major: 19,
      versionInfo: [19, 0, 0, 'final', 0, ''],
    });
    expect(peer.requests.map((request) => `${request.method} ${request.path}`).sort()).toEqual(
      [
        'GET /web/version',
        'POST /json/2/res.partner/search_count',
        'POST /json/2/sale.order/search_count',
      ].sort(),
    );
  });

  it('reads an Odoo Online version such as saas~18', async () => {
    const { client } = await setUp(
      () => ({ json: { version_info: ['saas~18', 2, 0, 'final', 0, ''], version: 'saas~18.2' } }),
      { protocol: 'auto' },
    );
    await expect(client.version()).resolves.toMatchObject({ major: 18 });
    await expect(client.protocol()).resolves.toBe('jsonrpc');
  });

  it('falls back to common.version where /web/version does not exist', async () => {
    const { client } = await setUp(
      (request) =>
        request.path === '/web/version'
          ? { status: 404, text: 'Not Found' }
          : rpcResult(request, {
              server_version: '16.0',
              server_version_info: [16, 0, 0, 'final', 0, ''],
              protocol_version: 1,
            }),
      { protocol: 'auto' },
    );
    await expect(client.version()).resolves.toMatchObject({ version: '16.0', major: 16 });
  });
});
