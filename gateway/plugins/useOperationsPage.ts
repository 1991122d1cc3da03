import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Registry } from 'prom-client';
import { hasScope } from '../../platform/auth/principal.js';
import type { RequestAuthenticator } from '../auth/request-authenticator.js';
import { OperationsHistory } from './useOperationsPageHistory.js';
import { OperationsSessions } from './useOperationsPageSession.js';
import { operationsSummary, type ExecuteAsCaller } from './useOperationsPageSummary.js';

export interface OperationsPageOptions {
  /** Checks the key an operator signs in with, as for any request. Required. */
  authenticator: RequestAuthenticator;
  /** Runs the page's GraphQL through this gateway with the operator's key. Required. */
  execute: ExecuteAsCaller;
  /** Seals the session cookie (a key is derived from it). Required: the gateway's identity secret. */
  secret: string;
  /** The metrics the page charts. Required: the gateway's registry. */
  registry: Registry;
  /** `production` makes the cookie Secure (HTTPS only). Default `demo`. */
  mode?: 'demo' | 'production';
  /** How long a sign-in lasts. Default 1 hour. */
  sessionTtlMs?: number;
  /** Between two chart points. Default 10 s (an hour is 360 points). */
  historyIntervalMs?: number;
}

/** The scope the page requires; the caller must be internal too. */
export const OPERATIONS_PAGE_SCOPE = 'operations:read';
/** Where the operator signs in: a JSON POST whose body carries the key. */
export const OPERATIONS_SIGN_IN_PATH = '/ops/session';

const PAGE_DIR = fileURLToPath(new URL('../ops-page/', import.meta.url));
/** uPlot's `main` is in its `dist/`, beside the IIFE build and the stylesheet. */
const UPLOT_DIR = `${dirname(createRequire(import.meta.url).resolve('uplot'))}/`;

/** What `/ops/assets/<name>` serves: the page's own files and uPlot from node_modules (no CDN). */
const ASSETS: Record<string, { file: string; type: string }> = {
  'ops.js': { file: `${PAGE_DIR}ops.js`, type: 'text/javascript; charset=utf-8' },
  'login.js': { file: `${PAGE_DIR}login.js`, type: 'text/javascript; charset=utf-8' },
  'ops.css': { file: `${PAGE_DIR}ops.css`, type: 'text/css; charset=utf-8' },
  'uPlot.iife.min.js': { file: `${UPLOT_DIR}uPlot.iife.min.js`, type: 'text/javascript; charset=utf-8' },
  'uPlot.min.css': { file: `${UPLOT_DIR}uPlot.min.css`, type: 'text/css; charset=utf-8' },
};

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const files = new Map<string, Promise<string>>();
const fileText = (file: string) => {
  let text = files.get(file);
  if (!text) files.set(file, (text = readFile(file, 'utf8')));
  return text;
};

/**
 * The operations page at `/ops`, for internal callers with `operations:read`. A browser cannot send a
 * bearer header when it navigates, so the operator signs in once (`POST /ops/session`, JSON); the
 * key is checked by the gateway's authenticator and kept sealed in an HttpOnly, SameSite=Strict cookie
 * (Secure in production) for `sessionTtlMs` (see useOperationsPageSession.ts). `/ops/api/summary` is the
 * page's JSON: this gateway's metrics and its last hour, and GraphQL run through the gateway as the
 * operator. The page is read-only: replays stay GraphQL mutations with `operations:write`.
 */
export function useOperationsPage(options: OperationsPageOptions): GatewayPlugin {
  const sessions = new OperationsSessions({
    secret: options.secret,
    ttlMs: options.sessionTtlMs ?? 60 * 60_000,
    secure: options.mode === 'production',
  });
  const history = new OperationsHistory({
    registry: options.registry,
    intervalMs: options.historyIntervalMs,
  });
  /** The session's key when it still belongs to an internal caller with the scope, else null. */
  const allowedKey = async (key: string | null) => {
    if (!key) return null;
    const request = new Request('http://gateway.internal/ops', {
      headers: { authorization: `Bearer ${key}` },
    });
    const principal = await options.authenticator.principalOrNull(request);
    return principal?.kind === 'internal' && hasScope(principal, OPERATIONS_PAGE_SCOPE) ? key : null;
  };
  const route = async (request: Request, path: string): Promise<Response | null> => {
    if (path === '/ops' && request.method === 'GET') {
      if (!(await allowedKey(sessions.keyOf(request))))
        return new Response(await fileText(`${PAGE_DIR}login.html`), { headers: PAGE_HEADERS });
      return new Response(await fileText(`${PAGE_DIR}index.html`), { headers: PAGE_HEADERS });
    }
    // JSON, not a form: the gateway's request guard refuses what a cross-site form could post (CSRF).
    if (path === OPERATIONS_SIGN_IN_PATH && request.method === 'POST') {
      const body = (await request.json().catch(() => null)) as { key?: unknown } | null;
      const key = await allowedKey(typeof body?.key === 'string' ? body.key.trim() : null);
      if (!key)
        return Response.json(
          {
            error: 'UNAUTHENTICATED',
            message: 'That key does not open this page: it needs an internal key with operations:read.',
          },
          { status: 401 },
        );
      return new Response(null, { status: 204, headers: { 'set-cookie': sessions.open(key) } });
    }
    if (path === '/ops/session/end' && request.method === 'POST')
      return new Response(null, { status: 204, headers: { 'set-cookie': sessions.close() } });
    if (path === '/ops/api/summary' && request.method === 'GET') {
      const key = await allowedKey(sessions.keyOf(request));
      if (!key)
        return Response.json(
          { error: 'UNAUTHENTICATED' },
          { status: 401, headers: { 'cache-control': 'no-store' } },
        );
      const summary = await operationsSummary({
        registry: options.registry,
        history,
        execute: options.execute,
        key,
      });
      return Response.json(summary, { headers: { 'cache-control': 'no-store' } });
    }
    const asset = path.startsWith('/ops/assets/') ? ASSETS[path.slice('/ops/assets/'.length)] : undefined;
    if (asset && request.method === 'GET')
      return new Response(await fileText(asset.file), {
        headers: {
          'content-type': asset.type,
          'cache-control': 'public, max-age=300',
          'x-content-type-options': 'nosniff',
        },
      });
    return path === '/ops' || path.startsWith('/ops/') ? new Response('Not found', { status: 404 }) : null;
  };
  return {
    async onRequest(payload) {
      const response = await route(payload.request, payload.url.pathname);
      if (response) payload.endResponse(response);
    },
    onDispose() {
      history.close();
    },
  };
}
