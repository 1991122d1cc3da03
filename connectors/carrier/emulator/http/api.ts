/**
 * The EasyPost v2 API the emulator serves: Basic auth (API key as user name), JSON bodies wrapped in
 * the object's name (`{ "shipment": {...} }`), EasyPost-shaped errors. Faults are drawn per request.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { ApiError, notFound } from '../api-error.js';
import { pathTemplate } from '../call-counter.js';
import type { CarrierEmulator } from '../emulator.js';
import type { RequestTarget } from '../../../shared/http-io.js';
import { readBody, sendJson } from './respond.js';
import {
  buySchema,
  createShipmentSchema,
  createTrackerSchema,
  createWebhookSchema,
  trackersBatchSchema,
  updateWebhookSchema,
  validated,
} from './validate.js';

type Json = Record<string, unknown> | Record<string, unknown>[];

function authorized(req: IncomingMessage, apiKey: string): boolean {
  const match = /^basic\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
  const user = match ? Buffer.from(match[1]!, 'base64').toString('utf8').split(':')[0]! : '';
  const given = Buffer.from(user);
  const expected = Buffer.from(apiKey);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  if (!text) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, 'PARAMETER.INVALID', 'The request body is not valid JSON.');
  }
}

function intParam(url: RequestTarget, name: string, fallback: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw new ApiError(422, 'PARAMETER.INVALID', `${name} must be an integer from 1 to ${max}.`, [
      { field: name, message: 'is invalid' },
    ]);
  return value;
}

function timeParam(url: RequestTarget, name: string): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null) return undefined;
  const value = Date.parse(raw);
  if (Number.isNaN(value))
    throw new ApiError(422, 'PARAMETER.INVALID', `${name} is not a datetime.`, [
      { field: name, message: 'is invalid' },
    ]);
  return value;
}

async function route(
  req: IncomingMessage,
  url: RequestTarget,
  emulator: CarrierEmulator,
  key: string,
): Promise<[number, Json]> {
  const [, , resource, id, action] = url.pathname.split('/').map(decodeURIComponent);
  switch (key) {
    case 'GET /v2/carrier_accounts':
      return [200, emulator.carrierAccounts()];
    case 'POST /v2/shipments': {
      const { shipment } = validated(createShipmentSchema, await jsonBody(req), 'shipment');
      const input = {
        from: shipment.from_address,
        to: shipment.to_address,
        parcel: shipment.parcel,
        reference: shipment.reference,
        carrierAccountIds: shipment.carrier_accounts,
      };
      return [201, emulator.createShipment(input)];
    }
    case 'GET /v2/shipments': {
      const purchased = url.searchParams.get('purchased');
      return [
        200,
        emulator.listShipments(
          intParam(url, 'page_size', 20, 100),
          purchased === null ? undefined : purchased === 'true',
        ),
      ];
    }
    case 'GET /v2/shipments/:id':
      return [200, emulator.shipment(id!)];
    case 'POST /v2/shipments/:id/buy': {
      const { rate } = validated(buySchema, await jsonBody(req), 'shipment');
      return [200, emulator.buy(id!, rate)];
    }
    case 'POST /v2/shipments/:id/refund':
      return [200, emulator.refund(id!)];
    case 'POST /v2/trackers': {
      const { tracker } = validated(createTrackerSchema, await jsonBody(req), 'tracker');
      return [201, emulator.createTracker(tracker.tracking_code, tracker.carrier)];
    }
    case 'GET /v2/trackers':
      return [
        200,
        emulator.listTrackers({
          trackingCode: url.searchParams.get('tracking_code') ?? undefined,
          carrier: url.searchParams.get('carrier') ?? undefined,
          pageSize: intParam(url, 'page_size', 20, 100),
          beforeId: url.searchParams.get('before_id') ?? undefined,
          afterId: url.searchParams.get('after_id') ?? undefined,
          start: timeParam(url, 'start_datetime'),
          end: timeParam(url, 'end_datetime'),
        }),
      ];
    case 'POST /v2/trackers/batch': {
      const { tracking_codes } = validated(trackersBatchSchema, await jsonBody(req), 'tracker');
      return [200, emulator.trackersBatch(tracking_codes)];
    }
    case 'GET /v2/trackers/:id':
      return [200, emulator.tracker(id!)];
    case 'GET /v2/webhooks':
      return [200, emulator.listWebhooks()];
    case 'POST /v2/webhooks': {
      const { webhook } = validated(createWebhookSchema, await jsonBody(req), 'webhook');
      return [201, emulator.createWebhook(webhook.url, webhook.webhook_secret ?? null)];
    }
    case 'GET /v2/webhooks/:id':
      return [200, emulator.webhook(id!)];
    case 'PATCH /v2/webhooks/:id':
    case 'PUT /v2/webhooks/:id': {
      const { webhook } = validated(updateWebhookSchema, await jsonBody(req), 'webhook');
      return [200, emulator.updateWebhook(id!, webhook?.webhook_secret)];
    }
    case 'DELETE /v2/webhooks/:id':
      return [200, emulator.deleteWebhook(id!)];
    default:
      throw notFound(`${resource ?? ''}${action ? `/${action}` : ''}`);
  }
}

/** Serves `/v2/*`: auth, call counting, faults, then the route. */
export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  url: RequestTarget,
  emulator: CarrierEmulator,
): Promise<void> {
  const method = req.method ?? 'GET';
  const template = pathTemplate(url.pathname.replace(/\/+$/, ''));
  const key = `${method} ${template}`;
  try {
    if (!authorized(req, emulator.apiKey))
      throw new ApiError(
        401,
        'APIKEY.REQUIRED',
        'This resource requires a valid API key; provide it as the Basic auth user name.',
      );
    emulator.calls.record(method, template);
    const fault = emulator.faults.beforeRequest();
    if (fault?.status === 503)
      throw new ApiError(
        503,
        'SERVICE.UNAVAILABLE',
        'The service is temporarily unavailable. Please try again later.',
      );
    if (fault?.status === 429) {
      const body = new ApiError(429, 'RATE_LIMITED', 'You have made too many requests; slow down.').body();
      return sendJson(res, 429, body, { 'Retry-After': String(fault.retryAfterSeconds) });
    }
    const [status, body] = await route(req, url, emulator, key);
    const latency = emulator.faults.latencyFor(key);
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    if (emulator.faults.malformAnswer())
      return sendJson(res, status, { object: 'Shipment', id: 42, rates: 'none' });
    sendJson(res, status, body);
  } catch (error) {
    if (error instanceof ApiError) return sendJson(res, error.status, error.body());
    emulator.logger.error({ err: error, route: key }, 'request failed');
    sendJson(
      res,
      500,
      new ApiError(500, 'INTERNAL_SERVER_ERROR', 'Something went wrong on our side.').body(),
    );
  }
}
