import type { IncomingMessage } from 'node:http';
import { verifyCarrierWebhook } from '../../connectors/carrier/index.js';
import { shipmentUpdated, type KeyedEvent } from './carrier-events.js';
import { WebhookError } from './webhook-errors.js';

export interface CarrierDeliveryContext {
  secret: string;
  /** Signed deliveries whose `created_at` is further than this from now are refused (WEBHOOK_STALE). */
  maxAgeMs: number;
  now: () => Date;
  /** The reference (our order number) of the shipment a tracker names, when the tracker lacks it. */
  referenceOf?: (carrierShipmentId: string) => Promise<string | null>;
  tenantOf: (orderNumber: string | null) => Promise<number | null>;
}

/**
 * A carrier delivery verified (HMAC over the raw body, then its signed `created_at` within the tolerance:
 * EasyPost sends no timestamp header, so the signed body's own time bounds replays) and mapped to
 * `shipment.updated`; null for an event kind we do not follow (batches, refunds…).
 */
export async function carrierDelivery(
  req: IncomingMessage,
  body: Buffer,
  context: CarrierDeliveryContext,
): Promise<KeyedEvent | null> {
  const signature = req.headers['x-hmac-signature'];
  const delivery = verifyCarrierWebhook(
    body,
    Array.isArray(signature) ? signature[0] : signature,
    context.secret,
  );
  const ageMs = Math.abs(context.now().getTime() - Date.parse(delivery.createdAt));
  if (ageMs > context.maxAgeMs)
    throw new WebhookError(
      'WEBHOOK_STALE',
      `The delivery was created at ${delivery.createdAt}, over ${context.maxAgeMs} ms from now`,
    );
  const shipment = delivery.shipment;
  if (!shipment || !delivery.description.startsWith('tracker.')) return null;
  let orderNumber = shipment.reference;
  if (orderNumber === null && shipment.carrierShipmentId && context.referenceOf)
    orderNumber = await context.referenceOf(shipment.carrierShipmentId);
  const tenantPartnerId = await context.tenantOf(orderNumber);
  return shipmentUpdated(shipment, { source: 'carrier', orderNumber, tenantPartnerId });
}
