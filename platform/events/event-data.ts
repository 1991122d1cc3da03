import { z } from 'zod';
import { fulfillmentStatuses } from '../../schema/canonical/fulfillment.js';
import { orderStatuses } from '../../schema/canonical/orders.js';
import { shipmentStatuses } from '../../schema/canonical/shipping.js';
import type { CanonicalEvent, EventType } from './canonical-event.js';

const isoTime = z.iso.datetime({ offset: true });

/**
 * `order.status_changed`: the order's canonical status after the change (`previousStatus` null when
 * unknown, e.g. the first time we see the order). `subject` is the order number.
 */
export const orderStatusChangedData = z.object({
  orderNumber: z.string().min(1),
  status: z.enum(orderStatuses),
  previousStatus: z.enum(orderStatuses).nullable(),
});

/** `fulfillment.updated`: the WMS moved the order's fulfilment on; `subject` is the order number. */
export const fulfillmentUpdatedData = z.object({
  orderNumber: z.string().min(1),
  status: z.enum(fulfillmentStatuses),
  packages: z
    .array(
      z.object({
        trackingNumber: z.string().nullable(),
        carrier: z.string().nullable(),
        service: z.string().nullable(),
      }),
    )
    .optional(),
});

/** `shipment.updated`: the carrier's latest word on a parcel; `subject` is the tracking number. */
export const shipmentUpdatedData = z.object({
  trackingNumber: z.string().min(1),
  carrier: z.string(),
  status: z.enum(shipmentStatuses),
  estimatedDeliveryAt: isoTime.nullable(),
  /** The order the label was bought for (the carrier shipment's reference), when known. */
  orderNumber: z.string().nullable(),
  lastEvent: z
    .object({
      occurredAt: isoTime,
      status: z.enum(shipmentStatuses),
      message: z.string(),
    })
    .loose()
    .nullable(),
});

/**
 * `stock.changed`: the new figures of one SKU in one warehouse; `subject` is `SKU@WAREHOUSE`.
 * `warehouseCode` is null when the source named a warehouse we have no code for.
 */
export const stockChangedData = z.object({
  sku: z.string().min(1),
  warehouseCode: z.string().nullable(),
  available: z.number(),
  onHand: z.number().nullable(),
});

/**
 * `order.fulfilled`: the orchestration shipped the order, validated its delivery in Odoo with the
 * tracking numbers and posted its invoices; `subject` is the order number.
 */
export const orderFulfilledData = z.object({
  orderNumber: z.string().min(1),
  carrier: z.string().nullable(),
  trackingNumbers: z.array(z.string()),
  invoiceNumbers: z.array(z.string()),
});

/** The `data` schema of each event type: producers build it, consumers parse it. */
export const eventDataSchemas = {
  'order.status_changed': orderStatusChangedData,
  'fulfillment.updated': fulfillmentUpdatedData,
  'shipment.updated': shipmentUpdatedData,
  'stock.changed': stockChangedData,
  'order.fulfilled': orderFulfilledData,
} as const satisfies Record<EventType, z.ZodType>;

export type EventData<T extends EventType> = z.output<(typeof eventDataSchemas)[T]>;

/**
 * The typed data of `event` when it is of type `type` and its data matches; null otherwise (a consumer
 * skips what it cannot read rather than failing a whole subscription or batch on one odd entry).
 */
export function eventDataOf<T extends EventType>(event: CanonicalEvent, type: T): EventData<T> | null {
  if (event.type !== type) return null;
  const parsed = eventDataSchemas[type].safeParse(event.data);
  return parsed.success ? (parsed.data as EventData<T>) : null;
}
