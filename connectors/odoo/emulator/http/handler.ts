import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OdooEmulator } from '../emulator.js';
import { notFound } from '../orm/exceptions.js';
import { handleAdmin } from './admin.js';
import { handleJson2, sendJson2Error } from './json2.js';
import { handleJsonRpc } from './jsonrpc.js';
import { requestPath } from '../../../shared/http-io.js';
import { sendJson, sendText } from './respond.js';
import { WEB_VERSION } from './version.js';

const JSON2 = /^\/json\/2\/([^/]+)\/([^/]+)\/?$/;

/** Routes a request to the protocol that serves it; anything else is a plain 404, as on Odoo. */
export function createRequestHandler(emulator: OdooEmulator, adminKey: string) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = requestPath(req.url);
    const method = req.method ?? 'GET';
    if (path === '/web/version' || path === '/json/version') return sendJson(res, 200, WEB_VERSION);
    if (path.startsWith('/__emulator/'))
      return handleAdmin(req, res, emulator, adminKey, path.slice('/__emulator/'.length));
    if (path === '/jsonrpc' && method === 'POST') return handleJsonRpc(req, res, emulator);
    const json2 = JSON2.exec(path);
    if (json2 && method === 'POST')
      return handleJson2(req, res, emulator, decodeURIComponent(json2[1]!), decodeURIComponent(json2[2]!));
    // addons/rpc/controllers/json2.py takes over every other /json/2 path with this 404.
    if (path === '/json/2' || path.startsWith('/json/2/'))
      return sendJson2Error(res, notFound('Did you mean POST /json/2/<model>/<method>?'));
    if (path === '/web/health') return sendJson(res, 200, { status: 'pass' });
    sendText(
      res,
      404,
      '<!doctype html>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n',
      'text/html; charset=utf-8',
    );
  };
}
