/**
 * Inbound carrier webhooks. EasyPost signs each delivery with `X-Hmac-Signature:
 * hmac-sha256-hex=<hex HMAC-SHA256 of the raw body>`, keyed by the webhook secret normalised to Unicode
 * NFKD (easypost-node `src/utils/util.ts` `validateWebhook`). We verify over the raw bytes as received,
 * in constant time, before parsing anything; then the body must be an Event (zod-validated).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Shipment } from '../../schema/canonical/shipping.js';
import { CarrierWebhookMalformedError, CarrierWebhookSignatureError } from './errors.js';
import { isoTime, mapTracker } from './map-shipment.js';
import { eventWireSchema, trackerWireSchema } from './wire.js';

/** The header EasyPost signs deliveries in (HTTP header names are case-insensitive). */
export const CARRIER_SIGNATURE_HEADER = 'X-Hmac-Signature';
const PREFIX = 'hmac-sha256-hex=';

/** An inbound Event: `result` mapped to a canonical Shipment when it is a tracker. */
export interface CarrierWebhookEvent {
  /** evt_…: the de-duplication key (deliveries are at least once). */
  id: string;
  /** e.g. `tracker.updated`, `tracker.created`, `batch.updated`. */
  description: string;
  /** The tracker as a canonical Shipment; null when the result is not a tracker. */
  shipment: Shipment | null;
  /** The result object as sent, for event kinds the connector does not map. */
  result: Record<string, unknown>;
  /** What changed, as the API reports it (e.g. `{ "status": "in_transit" }`). */
  previousAttributes: Record<string, unknown>;
  createdAt: string;
}

/** The header value for `rawBody` under `secret`; what the emulator sends. */
export function signCarrierWebhook(rawBody: Buffer | string, secret: string): string {
  const key = Buffer.from(secret.normalize('NFKD'), 'utf8');
  return `${PREFIX}${createHmac('sha256', key).update(rawBody).digest('hex')}`;
}

/** Verifies and parses one delivery; throws CARRIER_WEBHOOK_SIGNATURE or CARRIER_WEBHOOK_MALFORMED. */
export function verifyCarrierWebhook(
  rawBody: Buffer | string,
  signatureHeader: string | null | undefined,
  secret: string,
): CarrierWebhookEvent {
  const operation = 'webhook';
  if (!signatureHeader)
    throw new CarrierWebhookSignatureError(`The webhook has no ${CARRIER_SIGNATURE_HEADER} header`, {
      operation,
    });
  const expected = Buffer.from(signCarrierWebhook(rawBody, secret), 'utf8');
  const given = Buffer.from(signatureHeader.trim(), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new CarrierWebhookSignatureError('The webhook signature does not match our secret', { operation });

  let json: unknown;
  try {
    json = JSON.parse(Buffer.isBuffer(rawBody) ? rawBody.toString('utf8') : rawBody) as unknown;
  } catch (error) {
    throw new CarrierWebhookMalformedError('The webhook body is not JSON', { operation, cause: error });
  }
  const event = eventWireSchema.safeParse(json);
  if (!event.success)
    throw new CarrierWebhookMalformedError('The webhook body is not an Event', {
      operation,
      cause: event.error,
    });
  const { result } = event.data;
  try {
    let shipment: Shipment | null = null;
    if (result.object === 'Tracker') shipment = mapTracker(trackerWireSchema.parse(result));
    return {
      id: event.data.id,
      description: event.data.description,
      shipment,
      result,
      previousAttributes: event.data.previous_attributes ?? {},
      createdAt: isoTime(event.data.created_at, 'created_at'),
    };
  } catch (error) {
    throw new CarrierWebhookMalformedError('The webhook Event carries an invalid Tracker', {
      operation,
      cause: error,
    });
  }
}
