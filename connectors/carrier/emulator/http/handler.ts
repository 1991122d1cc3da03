import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CarrierEmulator } from '../emulator.js';
import { handleAdmin } from './admin.js';
import { handleApi } from './api.js';
import { requestTarget } from '../../../shared/http-io.js';
import { sendBytes, sendJson } from './respond.js';

const LABEL = /^\/labels\/(pl_[0-9a-f]+)\.pdf$/;

/** Routes a request: the v2 API, label files (public, as EasyPost's label URLs are), the admin API. */
export function createRequestHandler(emulator: CarrierEmulator, adminKey: string) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = requestTarget(req.url);
    if (url.pathname.startsWith('/__emulator/'))
      return handleAdmin(req, res, emulator, adminKey, url.pathname.slice('/__emulator/'.length));
    if (url.pathname === '/v2' || url.pathname.startsWith('/v2/')) return handleApi(req, res, url, emulator);
    const label = LABEL.exec(url.pathname);
    const pdf = label && req.method === 'GET' ? emulator.label(label[1]!) : undefined;
    if (pdf) return sendBytes(res, 200, pdf, 'application/pdf');
    sendJson(res, 404, {
      error: { code: 'NOT_FOUND', message: 'The requested resource could not be found.', errors: [] },
    });
  };
}
