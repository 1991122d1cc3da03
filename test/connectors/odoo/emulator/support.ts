import {
  startOdooEmulator,
  type RunningOdooEmulator,
  type StartOdooEmulatorOptions,
} from '../../../../connectors/odoo/emulator/server.js';

export type { RunningOdooEmulator };

/** A JSON body as the tests inspect it: loosely typed on purpose, compared whole with `toEqual`. */

type Json = any;

export interface Answer {
  status: number;
  body: Json;
}

/** A fresh emulator on a free port, with a fixed key so failures are easy to replay. */
export function start(options: StartOdooEmulatorOptions = {}): Promise<RunningOdooEmulator> {
  return startOdooEmulator({ port: 0, apiKey: 'test-key-0123456789abcdef0123456789abcdef', ...options });
}

/** `POST /json/2/<model>/<method>` with the bot's key (or the one given). */
export async function json2(
  odoo: RunningOdooEmulator,
  model: string,
  method: string,
  body: unknown = {},
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`${odoo.url}/json/2/${model}/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `bearer ${odoo.apiKey}`, ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** `POST /jsonrpc` with `params: {service, method, args}`. */
export async function jsonrpc(
  odoo: RunningOdooEmulator,
  service: string,
  method: string,
  args: unknown[],
): Promise<Answer> {
  const response = await fetch(`${odoo.url}/jsonrpc`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'call', id: 42, params: { service, method, args } }),
  });
  return { status: response.status, body: await response.json() };
}

/** `execute_kw` as the bot, authenticated with its API key. */
export async function executeKw(
  odoo: RunningOdooEmulator,
  model: string,
  method: string,
  args: unknown[],
  kwargs: Record<string, unknown> = {},
): Promise<Answer> {
  const uid = odoo.emulator.base.botUid;
  return jsonrpc(odoo, 'object', 'execute_kw', [
    odoo.database,
    uid,
    odoo.apiKey,
    model,
    method,
    args,
    kwargs,
  ]);
}

/** `/__emulator/<path>` with the admin key. */
export async function admin(
  odoo: RunningOdooEmulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  const response = await fetch(`${odoo.url}/__emulator/${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `bearer ${odoo.adminKey}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}
