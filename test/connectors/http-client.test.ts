/**
 * The connectors' HTTP sender over real sockets: what it sends and reads, redirects left alone, and
 * every way an exchange fails (refused, broken off, timed out, aborted) read as the same typed errors
 * by the Odoo, WMS and carrier connectors as fetch's failures were.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fromThrown as fromCarrierThrown } from '../../connectors/carrier/to-carrier-error.js';
import { toOdooError } from '../../connectors/odoo/index.js';
import {
  createHttpClient,
  headerValue,
  HttpConnectionError,
  withDeadline,
  type HttpClient,
} from '../../connectors/shared/http-client.js';
import { fromThrown as fromWmsThrown } from '../../connectors/wms/to-wms-error.js';

describe('the connectors’ HTTP sender', () => {
  let server: Server;
  let base: string;
  let http: HttpClient;
  let seen: { method?: string; headers: IncomingHttpHeaders; body: string } | undefined;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        seen = { method: req.method, headers: req.headers, body };
        if (req.url === '/redirect') {
          res.writeHead(302, { location: '/elsewhere' }).end();
        } else if (req.url === '/slow') {
          setTimeout(() => res.end('late'), 500);
        } else if (req.url === '/broken') {
          res.writeHead(200, { 'content-length': '100' });
          res.write('half');
          setTimeout(() => req.socket.destroy(), 20);
        } else {
          res.writeHead(201, { 'content-type': 'application/json', 'retry-after': '3' });
          res.end('{"ok":true}');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    http = createHttpClient();
  });
  afterAll(async () => {
    await http.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('sends the method, headers and body as given and reads the whole answer', async () => {
    const answer = await http.send(`${base}/json`, {
      method: 'POST',
      headers: { 'User-Agent': 'ua-test', 'Content-Type': 'application/json', 'x-correlation-id': 'c-1' },
      body: '{"a":1}',
      signal: new AbortController().signal,
    });
    expect(answer).toMatchObject({ status: 201, text: '{"ok":true}' });
    expect(headerValue(answer.headers, 'Retry-After')).toBe('3');
    expect(seen).toMatchObject({
      method: 'POST',
      body: '{"a":1}',
      headers: { 'user-agent': 'ua-test', 'content-type': 'application/json', 'x-correlation-id': 'c-1' },
    });
  });

  it('answers a redirect as it is, without following it', async () => {
    const answer = await http.send(`${base}/redirect`, {
      method: 'GET',
      headers: {},
      signal: new AbortController().signal,
    });
    expect(answer.status).toBe(302);
    expect(headerValue(answer.headers, 'location')).toBe('/elsewhere');
  });

  it('reads a refused connection as unreachable in every connector', async () => {
    const failure = await http
      .send('http://127.0.0.1:9/', { method: 'GET', headers: {}, signal: new AbortController().signal })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HttpConnectionError);
    expect(failure).toMatchObject({ code: 'ECONNREFUSED' });
    expect(toOdooError(failure, { model: 'res.partner', method: 'read' })).toMatchObject({
      code: 'ODOO_UNAVAILABLE',
      retryable: true,
      message: 'Odoo is unreachable (ECONNREFUSED)',
    });
    expect(fromWmsThrown(failure, { operation: 'orders' })).toMatchObject({
      code: 'WMS_UNAVAILABLE',
      message: 'The WMS is unreachable',
    });
    expect(fromCarrierThrown(failure, { operation: 'GET /v2/shipments/:id' })).toMatchObject({
      code: 'CARRIER_UNAVAILABLE',
      message: 'The carrier API is unreachable (ECONNREFUSED)',
    });
  });

  it('reads an answer broken off midway as a connection failure', async () => {
    const failure = await http
      .send(`${base}/broken`, { method: 'GET', headers: {}, signal: new AbortController().signal })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'HttpConnectionError', code: 'UND_ERR_SOCKET' });
    expect(toOdooError(failure)).toMatchObject({ code: 'ODOO_UNAVAILABLE', retryable: true });
  });

  it('times out with a TimeoutError that every connector reads as a timeout', async () => {
    const failure = await withDeadline([new AbortController().signal], 50, (signal) =>
      http.send(`${base}/slow`, { method: 'GET', headers: {}, signal }),
    ).catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'TimeoutError' });
    expect(toOdooError(failure, { timeoutMs: 50 })).toMatchObject({
      code: 'ODOO_UNAVAILABLE',
      message: 'Odoo did not answer after 50 ms',
    });
    expect(fromWmsThrown(failure, { operation: 'orders', timeoutMs: 50 })).toMatchObject({
      code: 'WMS_UNAVAILABLE',
      message: 'The WMS did not answer after 50 ms',
    });
    expect(fromCarrierThrown(failure, { operation: 'GET /v2/trackers', timeoutMs: 50 })).toMatchObject({
      code: 'CARRIER_UNAVAILABLE',
      message: 'The carrier API did not answer GET /v2/trackers after 50 ms',
    });
  });

  it('stops when a parent signal aborts, with its reason', async () => {
    const parent = new AbortController();
    setTimeout(() => parent.abort(), 30);
    const failure = await withDeadline([parent.signal], 5_000, (signal) =>
      http.send(`${base}/slow`, { method: 'GET', headers: {}, signal }),
    ).catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'AbortError' });
    expect(toOdooError(failure)).toMatchObject({
      code: 'ODOO_UNAVAILABLE',
      message: 'The call to Odoo was aborted',
    });
  });

  it('follows one parent shared by many calls in flight without warning of a leak, and aborts them all', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    const parent = new AbortController();
    const calls = Array.from({ length: 30 }, () =>
      withDeadline([parent.signal], 5_000, (signal) =>
        http.send(`${base}/slow`, { method: 'GET', headers: {}, signal }),
      ).catch((error: unknown) => error),
    );
    setTimeout(() => parent.abort(), 30);
    const failures = await Promise.all(calls);
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', onWarning);
    expect(failures.every((failure) => (failure as Error).name === 'AbortError')).toBe(true);
    expect(warnings.map((warning) => warning.name)).not.toContain('MaxListenersExceededWarning');
  });

  it('starts aborted when a parent already is', async () => {
    const parent = new AbortController();
    parent.abort();
    await expect(
      withDeadline([parent.signal], 5_000, (signal) => Promise.resolve(signal.aborted)),
    ).resolves.toBe(true);
  });
});
