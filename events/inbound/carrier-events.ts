import type { NewEvent } from '../../platform/events/index.js';
import type { Shipment } from '../../schema/canonical/shipping.js';
import { shipmentKey } from './dedup-keys.js';

/** An event ready to append, with its content-based de-duplication key. */
export interface KeyedEvent {
  event: NewEvent;
  dedupKey: string;
}

/**
 * `shipment.updated` for a tracker's state, from a verified webhook or a reconciliation read: the same
 * state gives the same event and key (status and last scan), so either path appends it once. `time` is
 * the last scan (when it happened), else when the tracker was last updated.
 */
export function shipmentUpdated(
  shipment: Shipment,
  context: {
    source: 'carrier' | 'reconciliation';
    orderNumber: string | null;
    tenantPartnerId: number | null;
  },
): KeyedEvent {
  const last = shipment.events.at(-1) ?? null;
  return {
    event: {
      type: 'shipment.updated',
      source: context.source,
      subject: shipment.trackingNumber,
      time: last?.occurredAt ?? shipment.updatedAt,
      tenantPartnerId: context.tenantPartnerId,
      data: {
        trackingNumber: shipment.trackingNumber,
        carrier: shipment.carrier,
        status: shipment.status,
        estimatedDeliveryAt: shipment.estimatedDeliveryAt,
        orderNumber: context.orderNumber,
        lastEvent: last && { occurredAt: last.occurredAt, status: last.status, message: last.message },
      },
    },
    dedupKey: shipmentKey(shipment.trackingNumber, shipment.status, last?.occurredAt ?? null),
  };
}

/** Statuses after which a tracker no longer changes: reconciliation stops reading it. */
export const FINAL_SHIPMENT_STATUSES: ReadonlySet<Shipment['status']> = new Set([
  'DELIVERED',
  'RETURNED_TO_SENDER',
  'CANCELLED',
]);
