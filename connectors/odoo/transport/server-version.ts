import { OdooProtocolError } from '../errors.js';
import { toOdooError } from '../to-odoo-error.js';
import { commonVersionSchema, webVersionSchema } from '../wire.js';
import type { HttpSend } from '../../shared/http-client.js';
import { sendHttp } from './http.js';
import { callJsonRpc } from './jsonrpc.js';
import type { OdooProtocol } from './transport.js';

/** The Odoo server's version, as `/web/version` reports it. */
export interface OdooServerVersion {
  /** e.g. `"19.0"` or `"saas~18.2"`. */
  version: string;
  /** The major release number: 17, 18, 19... */
  major: number;
  versionInfo: readonly unknown[];
}

/** JSON-2 exists from Odoo 19 on; older servers speak JSON-RPC only. */
export function protocolForVersion(version: OdooServerVersion): OdooProtocol {
  return version.major >= 19 ? 'json2' : 'jsonrpc';
}

/**
 * Reads the server version without credentials: `GET /web/version`, or on servers that predate
 * that route (404), `common.version()` over JSON-RPC.
 */
export async function fetchServerVersion(
  send: HttpSend,
  url: string,
  signal: AbortSignal,
  timeoutMs?: number,
): Promise<OdooServerVersion> {
  const site = { model: 'web', method: 'version', timeoutMs };
  const answer = await sendHttp(send, `${url}/web/version`, { method: 'GET', signal }, site);
  if (answer.status === 404) {
    const result = await callJsonRpc(
      send,
      url,
      { id: 1, service: 'common', method: 'version', args: [] },
      signal,
      site,
    );
    const parsed = commonVersionSchema.safeParse(result);
    if (!parsed.success)
      throw new OdooProtocolError('common.version answered with an unexpected shape', site);
    return toVersion(parsed.data.server_version, parsed.data.server_version_info, site);
  }
  if (answer.status !== 200) throw toOdooError(answer.json, { ...site, httpStatus: answer.status });
  const parsed = webVersionSchema.safeParse(answer.json);
  if (!parsed.success) throw new OdooProtocolError('/web/version answered with an unexpected shape', site);
  return toVersion(parsed.data.version, parsed.data.version_info, site);
}

function toVersion(
  version: string,
  info: readonly unknown[],
  site: { model: string; method: string },
): OdooServerVersion {
  const first = info[0];
  // Odoo Online builds report e.g. "saas~18" as the first item.
  const major = typeof first === 'number' ? first : Number(/\d+/.exec(String(first))?.[0]);
  if (!Number.isInteger(major))
    throw new OdooProtocolError(`Cannot read a major version from ${JSON.stringify(first)}`, site);
  return { version, major, versionInfo: info };
}
