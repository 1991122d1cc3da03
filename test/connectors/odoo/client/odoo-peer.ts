import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  OdooClient,
  odooConfigSchema,
  type OdooCallEvent,
  type OdooConfigInput,
} from '../../../../connectors/odoo/index.js';
import { createLogger } from '../../../../platform/logger.js';

/** A request as the peer received it. */
export interface PeerRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** What the peer answers: a JSON body (or raw text), a status, and optionally a delay. */
export interface PeerAnswer {
  status?: number;
  json?: unknown;
  text?: string;
  delayMs?: number;
}

export interface OdooPeer {
  url: string;
  requests: PeerRequest[];
  /** Most requests being served at the same time. */
  maxInFlight: number;
  close(): Promise<void>;
}

/**
 * A tiny HTTP server on 127.0.0.1 port 0 answering with scripted bodies in Odoo's wire format:
 * a test peer for the client, not a model of Odoo (the emulator is that).
 */
export async function startOdooPeer(
  answer: (request: PeerRequest, index: number) => PeerAnswer,
): Promise<OdooPeer> {
  const requests: PeerRequest[] = [];
  let inFlight = 0;
  const peer: OdooPeer = { url: '', requests, maxInFlight: 0, close: () => Promise.resolve() };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const request: PeerRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: raw ? (JSON.parse(raw) as unknown) : undefined,
      };
      const index = requests.push(request) - 1;
      inFlight += 1;
      peer.maxInFlight = Math.max(peer.maxInFlight, inFlight);
      const reply = answer(request, index);
      const send = (): void => {
        inFlight -= 1;
        if (res.destroyed) return;
        const body = reply.text ?? JSON.stringify(reply.json ?? null);
        res.writeHead(reply.status ?? 200, {
          'Content-Type':
            reply.text === undefined ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
        });
        res.end(body);
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  peer.url = `http://127.0.0.1:${port}`;
  peer.close = () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });
  return peer;
}

/** `GET /web/version` as Odoo answers it. */
export function webVersion(major: number): PeerAnswer {
  return { json: { version_info: [major, 0, 0, 'final', 0, ''], version: `${major}.0` } };
}

/** A JSON-RPC success envelope. */
export function rpcResult(request: PeerRequest, result: unknown): PeerAnswer {
  return { json: { jsonrpc: '2.0', id: (request.body as { id: number }).id, result } };
}

const logger = createLogger({ name: 'odoo-client-test', level: 'silent' });

/** A client of `peer` with a test key and database, `config` over them; every attempt is pushed to `calls`. */
export function clientOfPeer(
  peer: OdooPeer,
  config: Partial<OdooConfigInput>,
  calls: OdooCallEvent[] = [],
): OdooClient {
  return new OdooClient({
    config: odooConfigSchema.parse({ url: peer.url, apiKey: 'secret-key', database: 'acme', ...config }),
    logger,
    onCall: (event) => calls.push(event),
  });
}
