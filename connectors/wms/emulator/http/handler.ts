import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WmsEmulator } from '../emulator.js';
import { handleAdmin } from './admin.js';
import { createGraphqlHandler } from './graphql.js';
import { requestPath } from '../../../shared/http-io.js';
import { sendJson } from './respond.js';

/** Routes `/graphql` to the API and `/__emulator/*` to the admin endpoints; anything else is 404. */
export function createRequestHandler(emulator: WmsEmulator, adminKey: string) {
  const graphql = createGraphqlHandler(emulator);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = requestPath(req.url);
    if (path === '/graphql') return graphql(req, res);
    if (path.startsWith('/__emulator/'))
      return handleAdmin(req, res, emulator, adminKey, path.slice('/__emulator/'.length));
    if (path === '/health') return sendJson(res, 200, { status: 'pass' });
    sendJson(res, 404, { error: 'not found' });
  };
}
