import { afterEach, describe, expect, it } from '@jest/globals';
import { OdooProtocolError } from '../../../../connectors/odoo/index.js';
import { related } from '../../../../connectors/odoo/related-read.js';
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

async function clientOf(answer: (request: PeerRequest) => PeerAnswer, protocol: 'json2' | 'jsonrpc') {
  peer = await startOdooPeer(answer);
  const client = clientOfPeer(peer, { login: 'bot@acme.example', protocol, retryAttempts: 0 });
  return { peer, client };
}

const PRODUCTS = related('product.product', ['default_code', 'uom_id']);
const LINES = {
  fields: ['order_id', 'product_id', 'product_uom_qty'] as const,
  related: { product_id: PRODUCTS },
};

describe('OdooClient reads with related records (web_search_read)', () => {
  it('asks for every record in one call and answers each as search_read and read would', async () => {
    const { peer, client } = await clientOf(
      () => ({
        json: {
          length: 2,
          records: [
            {
              id: 11,
              order_id: { id: 5, display_name: 'S00005' },
              product_id: {
                id: 38,
                display_name: '[DSP-1038] Portion Cup',
                default_code: 'DSP-1038',
                uom_id: { id: 5, display_name: 'Box of 12' },
              },
              product_uom_qty: 9,
            },
            { id: 12, order_id: { id: 5, display_name: 'S00005' }, product_id: false, product_uom_qty: 1 },
          ],
        },
      }),
      'json2',
    );
    const { records, related: found } = await client.searchReadRelated('sale.order.line', {
      domain: [['order_id', 'in', [5]]],
      ...LINES,
      order: 'sequence, id',
    });
    expect(peer.requests).toHaveLength(1);
    expect(peer.requests[0]).toMatchObject({
      path: '/json/2/sale.order.line/web_search_read',
      body: {
        domain: [['order_id', 'in', [5]]],
        order: 'sequence, id',
        specification: {
          order_id: { fields: { display_name: {} } },
          product_id: {
            fields: { default_code: {}, uom_id: { fields: { display_name: {} } }, display_name: {} },
          },
          product_uom_qty: {},
        },
      },
    });
    expect(records).toEqual([
      {
        id: 11,
        order_id: { id: 5, name: 'S00005' },
        product_id: { id: 38, name: '[DSP-1038] Portion Cup' },
        product_uom_qty: 9,
      },
      { id: 12, order_id: { id: 5, name: 'S00005' }, product_id: null, product_uom_qty: 1 },
    ]);
    expect([...found.of(PRODUCTS).values()]).toEqual([
      { id: 38, default_code: 'DSP-1038', uom_id: { id: 5, name: 'Box of 12' } },
    ]);
  });

  it('refuses an answer that does not nest what was asked, naming the field', async () => {
    const { client } = await clientOf(
      () => ({
        json: {
          length: 1,
          records: [{ id: 11, order_id: [5, 'S00005'], product_id: 38, product_uom_qty: 9 }],
        },
      }),
      'json2',
    );
    const read = client.searchReadRelated('sale.order.line', LINES);
    await expect(read).rejects.toThrow(OdooProtocolError);
    await expect(read).rejects.toThrow(/sale\.order\.line\.order_id/);
  });

  it('needs Odoo 17: an older server over JSON-RPC is told so before anything is asked of it', async () => {
    const { peer, client } = await clientOf(
      (request) => (request.path === '/web/version' ? webVersion(16) : rpcResult(request, 2)),
      'jsonrpc',
    );
    await expect(client.searchReadRelated('sale.order.line', LINES)).rejects.toThrow(
      'Reading sale.order.line with its related records needs Odoo 17 or later; this server runs 16',
    );
    expect(peer.requests.map((request) => request.path)).toEqual(['/web/version']);
  });
});
