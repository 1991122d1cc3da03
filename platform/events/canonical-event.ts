import { z } from 'zod';

/** Every event type in the log, with what it announces. A type not listed here is refused on append. */
export const eventTypes = {
  'order.status_changed': 'An order moved to another canonical OrderStatus; `subject` is the order number.',
  'fulfillment.updated':
    'The WMS allocated, packed, shipped or cancelled an order; `subject` is the order number.',
  'shipment.updated': 'A carrier reported tracking progress; `subject` is the tracking number.',
  'stock.changed': 'Available or on-hand stock changed; `subject` is `SKU@WAREHOUSE`.',
  'order.fulfilled':
    'The order was shipped, its delivery validated and its invoice posted; `subject` is the order number.',
} as const satisfies Record<string, string>;

export type EventType = keyof typeof eventTypes;

/**
 * Where events come from: a system's webhooks, our own reconciliation pass that finds lost ones, or the
 * order-to-cash orchestration.
 */
export const eventSources = ['odoo', 'wms', 'carrier', 'reconciliation', 'orchestration'] as const;

export type EventSource = (typeof eventSources)[number];

/** A Redis stream entry id, `<ms>-<seq>`. */
export const streamIdSchema = z.string().regex(/^\d+-\d+$/, 'a stream entry id such as 1718000000000-0');

/**
 * An event as a producer hands it to the log. `time` is when it happened (ISO 8601; stored in UTC);
 * `tenantPartnerId` is the partner whose object it is (null: internal only); `data` is a JSON object.
 */
export const newEventSchema = z.strictObject({
  type: z.enum(Object.keys(eventTypes) as [EventType, ...EventType[]]),
  source: z.enum(eventSources),
  subject: z.string().min(1).max(512),
  time: z.iso.datetime({ offset: true }).transform((time) => new Date(time).toISOString()),
  tenantPartnerId: z.number().int().positive().nullable(),
  data: z.record(z.string(), z.json()),
});

/**
 * A canonical event as read back from the log: the new event plus its stream entry `id` (which orders
 * the log and is the cursor to resume after), and `replayOf`, the id of the dead-lettered original when
 * this entry is its replay.
 */
export const canonicalEventSchema = newEventSchema.extend({
  id: streamIdSchema,
  replayOf: streamIdSchema.optional(),
});

export type NewEvent = z.input<typeof newEventSchema>;
export type CanonicalEvent = z.output<typeof canonicalEventSchema>;
